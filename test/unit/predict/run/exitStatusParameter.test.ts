/**
 * `$?`, the exit status of the last command, which the prediction does not track: BusyBox 1.35
 * ash writes `rc=127\n` for `busybox nosuchapplet; echo "rc=$?"`, so a text with it is no exact size.
 */
import * as assert from 'node:assert/strict';
import { certaintiesAt, predict, removeContexts } from '../helpers';

describe('exit status parameter', () => {
  after(removeContexts);

  it('leaves a text with $? estimated', async () => {
    const analysis = await predict('FROM shell-only\nRUN busybox nosuchapplet; echo "rc=$?" > /u2.txt\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/u2.txt estimated']);
  });
});
