/** RUN commands whose globs run over folders with unlisted contents, so their matches are not all known. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { globFolder } from '../../../../src/core/predict/run/expand';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

/** A stage whose /app/node_modules comes from an `npm ci` of another stage, so its contents are not listed. */
const copiedModules = 'FROM shell-only AS deps\nWORKDIR /app\nRUN npm ci\nFROM shell-only\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\n';
const lockFiles = { 'package.json': '{}\n', 'package-lock.json': '{}\n' };

/** Returns the paths of the layer of the step on `line` that contain a glob character. */
function globPathsAt(analysis: Analysis, line: number): string[] {
  return changesAt(analysis, line).filter((change) => /[*?[]/.test(change.split(' ')[0]));
}

function notesAt(analysis: Analysis, line: number): string[] {
  return stepAt(analysis, line).notes;
}

describe('RUN globs over unlisted contents', () => {
  after(removeContexts);

  it('rm -rf node_modules/.cache node_modules/*/test', async () => {
    const analysis = await predict(`${copiedModules}RUN rm -rf node_modules/.cache node_modules/*/test\n`, lockFiles);

    assert.deepEqual(changesAt(analysis, 7), ['/app/node_modules/.cache deleted']);
    assert.equal(stepAt(analysis, 7).certainty, 'unknown');
    const note = 'rm: /app/node_modules may hold files that earlier steps or the base image wrote without listing them, so the matches of "node_modules/*/test" are not known; their deletions are not shown.';
    assert.ok(notesAt(analysis, 7).includes(note), notesAt(analysis, 7).join('\n'));
  });

  it('rm -rf */test', async () => {
    const analysis = await predict(`${copiedModules}RUN rm -rf */test\n`, lockFiles);

    assert.deepEqual(changesAt(analysis, 7), []);
    assert.equal(stepAt(analysis, 7).certainty, 'unknown');
    assert.ok(notesAt(analysis, 7).some((note) => note.startsWith('rm: /app may hold files')), notesAt(analysis, 7).join('\n'));
  });

  it('rm -rf node_modules/a*/test/*', async () => {
    const analysis = await predict(`${copiedModules}RUN rm -rf node_modules/a*/test/*\n`, lockFiles);

    assert.deepEqual(changesAt(analysis, 7), []);
    assert.ok(notesAt(analysis, 7).some((note) => note.includes('the matches of "node_modules/a*/test/*" are not known')), notesAt(analysis, 7).join('\n'));
  });

  it('rm -rf node_modules/*', async () => {
    const analysis = await predict(`${copiedModules}RUN rm -rf node_modules/*\n`, lockFiles);

    assert.deepEqual(changesAt(analysis, 7), ['/app/node_modules modified directory']);
    const entry = analysis.stack.layers[stepAt(analysis, 7).index].entries[0].entry;
    assert.equal(entry.op === 'write' && entry.emptied, true);
  });

  it('rm -rf node_modules/*.md beside a listed file', async () => {
    const analysis = await predict(`${copiedModules}RUN touch node_modules/keep.txt\nRUN rm -rf node_modules/*.md\n`, lockFiles);

    assert.deepEqual(changesAt(analysis, 8), ['/app/node_modules modified directory']);
    assert.ok(analysis.stack.lookup('/app/node_modules/keep.txt'), 'keep.txt does not match *.md and stays');
  });

  it('rm -rf node_modules/* with a listed match', async () => {
    const analysis = await predict(`${copiedModules}RUN touch node_modules/keep.txt\nRUN rm -rf node_modules/*\n`, lockFiles);

    assert.deepEqual(changesAt(analysis, 8), ['/app/node_modules modified directory', '/app/node_modules/keep.txt deleted']);
    assert.equal(stepAt(analysis, 8).certainty, 'unknown');
    assert.ok(notesAt(analysis, 8).some((note) => note.startsWith('rm: /app/node_modules may hold files')), notesAt(analysis, 8).join('\n'));
  });

  for (const command of ['cp -r node_modules/*/test /t', 'mv node_modules/*/test /t', 'chmod -R 700 node_modules/*/test', 'chown -R 1:1 node_modules/*/test', 'touch node_modules/*/test', 'mkdir -p node_modules/*/test', 'ln -s /x node_modules/*/test']) {
    it(command, async () => {
      const analysis = await predict(`${copiedModules}RUN ${command}\n`, lockFiles);

      assert.deepEqual(globPathsAt(analysis, 7), []);
      assert.equal(stepAt(analysis, 7).certainty, 'unknown');
    });
  }
});

describe('globFolder', () => {
  it('glob in the last segment', () => {
    assert.deepEqual(globFolder('node_modules/*.md'), { folder: 'node_modules', matchesChildren: true });
  });

  it('glob in a folder segment', () => {
    assert.deepEqual(globFolder('/app/node_modules/*/test'), { folder: '/app/node_modules', matchesChildren: false });
  });

  it('glob in the first segment', () => {
    assert.deepEqual(globFolder('*/test'), { folder: '.', matchesChildren: false });
  });

  it('escaped glob characters', () => {
    assert.deepEqual(globFolder('a\\*b/c?/'), { folder: 'a*b', matchesChildren: true });
  });
});
