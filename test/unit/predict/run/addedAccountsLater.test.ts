/** Accounts that a RUN adds with given numbers, as later COPY --chown, RUN chown (owner only, as chown USER sets) and USER steps find them. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { ownerAt, predict, removeContexts, stepAt } from '../helpers';

function notesAt(analysis: Analysis, line: number): string {
  return stepAt(analysis, line).notes.join('\n');
}

const accounts = { 'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', 'etc/group': 'root:x:0:\n', 'a.txt': 'a\n' };
/** Copies known account files and makes adduser a BusyBox applet, as in the busybox and Alpine images. */
const busyboxBase = 'FROM shell-only\nCOPY etc/ /etc/\nRUN echo elf > /bin/busybox && ln -s /bin/busybox /bin/adduser\n';
const laterSteps = 'COPY --chown=app:app a.txt /a.txt\nRUN touch /b && chown app /b\nUSER app\nRUN touch /c\n';

describe('RUN accounts in later steps', () => {
  after(removeContexts);

  it('BusyBox adduser -D -u 1001 app', async () => {
    const analysis = await predict(`${busyboxBase}RUN adduser -D -u 1001 app\n${laterSteps}`, accounts);
    assert.equal(ownerAt(analysis, 5, '/a.txt'), '1001:1001 exact');
    assert.doesNotMatch(notesAt(analysis, 5), /owner/);
    assert.equal(ownerAt(analysis, 6, '/b'), '1001:0 exact');
    // The write into / is an estimate because the USER's permission there is not known.
    assert.equal(ownerAt(analysis, 8, '/c'), '1001:1001 estimated');
  });

  it('groupadd -g 1001 app && useradd -u 1001 -g app app', async () => {
    const analysis = await predict(`FROM shell-only\nCOPY etc/ /etc/\nRUN groupadd -g 1001 app && useradd -u 1001 -g app app\n${laterSteps}`, accounts);
    assert.equal(ownerAt(analysis, 4, '/a.txt'), '1001:1001 exact');
    assert.doesNotMatch(notesAt(analysis, 4), /owner/);
    assert.equal(ownerAt(analysis, 5, '/b'), '1001:0 exact');
    assert.equal(ownerAt(analysis, 7, '/c'), '1001:1001 estimated');
  });

  it('useradd -u 1001 app over an unread base image', async () => {
    const analysis = await predict('FROM debian:12\nRUN useradd -u 1001 app\nCOPY --chown=app a.txt /a.txt\n', accounts);
    assert.equal(ownerAt(analysis, 3, '/a.txt'), '1001:1001 estimated');
    assert.doesNotMatch(notesAt(analysis, 3), /whose content the prediction does not know/);
  });

  it('useradd without -u leaves the number unknown', async () => {
    const analysis = await predict(`FROM shell-only\nCOPY etc/ /etc/\nRUN useradd app\n${laterSteps}`, accounts);
    assert.equal(ownerAt(analysis, 4, '/a.txt'), '?:? estimated');
    assert.equal(ownerAt(analysis, 5, '/b'), '?:0 estimated');
  });
});
