/**
 * The notes of cp and chmod on a path no layer lists name where it may come from, as rm's do:
 * the unread base image, an earlier step that wrote files without listing them, or both.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { predict, removeContexts, stepAt } from '../helpers';

const lockFiles = { 'package.json': '{}\n', 'package-lock.json': '{}\n' };

/** The npm ci folder of another stage, copied over an unread base image, so only that step can hold unlisted files in it. */
const copiedModules = 'FROM shell-only AS deps\nWORKDIR /app\nRUN npm ci\nFROM alpine:3.20\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\n';

function notesAt(analysis: Analysis, line: number, command: string): string[] {
  return stepAt(analysis, line).notes.filter((note) => note.startsWith(`${command}: `));
}

describe('RUN notes on unlisted sources', () => {
  after(removeContexts);

  it('chmod in a copied npm ci folder', async () => {
    const analysis = await predict(`${copiedModules}RUN chmod 755 node_modules/.bin/tool\n`, lockFiles);
    assert.deepEqual(notesAt(analysis, 7, 'chmod'), [
      'chmod: /app/node_modules/.bin/tool is not among the predicted files; if an earlier step wrote it without listing it, this RUN stores it again, with a size this prediction does not know.',
    ]);
  });

  it('cp from a copied npm ci folder', async () => {
    const analysis = await predict(`${copiedModules}RUN cp node_modules/pkg/index.js /index.js\n`, lockFiles);
    assert.deepEqual(notesAt(analysis, 7, 'cp'), [
      'cp: /app/node_modules/pkg/index.js is not among the predicted files (it may come from an earlier step that did not list it), so the size of its copy is unknown.',
    ]);
  });

  it('cp from a base image folder', async () => {
    const analysis = await predict('FROM alpine:3.20\nRUN cp /etc/motd /motd\n');
    assert.deepEqual(notesAt(analysis, 2, 'cp'), [
      'cp: /etc/motd is not among the predicted files (it may come from the base image), so the size of its copy is unknown.',
    ]);
  });
});
