/**
 * The note on `rm` of a path no layer lists names where it may come from: the unread base image,
 * an earlier step that wrote files without listing them, or both.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

const lockFiles = { 'package.json': '{}\n', 'package-lock.json': '{}\n' };

/** Returns the notes of the step on `line` that start with "rm: ". */
function rmNotesAt(analysis: Analysis, line: number): string[] {
  return stepAt(analysis, line).notes.filter((note) => note.startsWith('rm: '));
}

describe('RUN rm of unlisted paths', () => {
  after(removeContexts);

  it('COPY --from of an npm ci folder over an unread base', async () => {
    // /app/node_modules is made by the COPY, so the unread base image cannot hold files in it.
    const dockerfile = 'FROM shell-only AS deps\nWORKDIR /app\nRUN npm ci\nFROM alpine:3.20\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nRUN rm -rf node_modules/.cache\n';
    const analysis = await predict(dockerfile, lockFiles);

    assert.deepEqual(changesAt(analysis, 7), ['/app/node_modules/.cache deleted']);
    assert.deepEqual(rmNotesAt(analysis, 7), ['rm: /app/node_modules/.cache is not among the predicted files. This RUN deletes it too if an earlier step wrote it without listing it.']);
  });

  it('base image folder with no unknown step', async () => {
    const analysis = await predict('FROM alpine:3.20\nCOPY a /a\nRUN rm -f /etc/motd\n', { a: 'x' });

    assert.deepEqual(changesAt(analysis, 3), ['/etc/motd deleted']);
    assert.deepEqual(rmNotesAt(analysis, 3), ['rm: /etc/motd is not among the predicted files. This RUN deletes it too if the base image has it.']);
  });

  it('base image folder after an unknown step', async () => {
    const analysis = await predict('FROM alpine:3.20\nRUN npm ci\nRUN rm -f /etc/motd\n');

    assert.deepEqual(changesAt(analysis, 3), ['/etc/motd deleted']);
    assert.deepEqual(rmNotesAt(analysis, 3), ['rm: /etc/motd is not among the predicted files. This RUN deletes it too if the base image has it or an earlier step wrote it without listing it.']);
  });

  it('unlisted subfolder of a base image folder', async () => {
    // /opt/tool is not listed either, so the nearest listed folder, /opt, decides.
    const analysis = await predict('FROM alpine:3.20\nRUN rm -rf /opt/tool/cache\n');

    assert.deepEqual(rmNotesAt(analysis, 2), ['rm: /opt/tool/cache is not among the predicted files. This RUN deletes it too if the base image has it.']);
  });
});
