/** RUN metadata changes (chown -R, chmod -R, and globs of chmod, chown, chgrp and touch) of folders whose contents are not all listed. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Analysis } from '../../../../src/core/analysis/types';
import { wasteReport } from '../../../../src/core/model/merged';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'unlisted-copy-up');

async function analyzeFixture(name: string): Promise<Analysis> {
  const dockerfilePath = join(fixtures, name);
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
}

/** A stage whose /app/node_modules comes from an `npm ci` of another stage, so its contents are not listed. */
const copiedModules = 'FROM shell-only AS deps\nWORKDIR /app\nRUN npm ci\nFROM shell-only\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\n';
const lockFiles = { 'package.json': '{}\n', 'package-lock.json': '{}\n' };

function problemsOn(analysis: Analysis, line: number) {
  return analysis.problems.filter((problem) => problem.line === line);
}

describe('RUN copy-ups of folders with unlisted contents', () => {
  after(removeContexts);

  it('chown -R over a copied node_modules', async () => {
    const analysis = await analyzeFixture('Dockerfile');
    const report = wasteReport(analysis.stack);
    const layer = analysis.stack.layers[stepAt(analysis, 10).index];

    assert.equal(report.wastedBytes, 83);
    assert.equal(report.unknownSizes, 1);
    assert.deepEqual(layer.summary.shadowed, { count: 3, bytes: 83, unknownSizes: 1 });
    assert.deepEqual(layer.entries.filter((item) => item.hidesUnlisted).map((item) => item.entry.path), ['/app']);
  });

  it('hint names the unlisted files', async () => {
    const analysis = await analyzeFixture('Dockerfile');
    const [hint] = problemsOn(analysis, 10);

    assert.equal(hint.severity, 'warning');
    assert.match(hint.message, /^This RUN changes only the owner of \/app\/package\.json \(0:0 → 1000:1000\), yet the layer stores the whole file again \(83 B\)\. /);
    assert.match(hint.message, / The files in \/app that this prediction cannot list are stored again too \(an unknown size\)\. Set the owner/);
  });

  it('chmod -R with no listed file', async () => {
    const analysis = await analyzeFixture('Dockerfile.modules');
    const hints = problemsOn(analysis, 9);

    assert.equal(wasteReport(analysis.stack).unknownSizes, 1);
    assert.equal(hints.length, 1);
    assert.equal(hints[0].severity, 'warning');
    assert.match(hints[0].message, /^This RUN changes only the metadata of the files in \/app\/node_modules that this prediction cannot list, yet the layer stores them again \(an unknown size\)\./);
  });

  it('chmod -R of a folder the RUN then deletes', async () => {
    // The layer stores a whiteout for the folder, so none of its files is stored again.
    const analysis = await predict(`${copiedModules}RUN chmod -R go-w /app/node_modules && rm -rf /app/node_modules\n`, lockFiles);
    const hints = problemsOn(analysis, 7).filter((problem) => problem.message.includes('stores them again') || problem.message.includes('stored again'));

    assert.deepEqual(hints, []);
  });

  it('chown -R over listed files only', async () => {
    const analysis = await analyzeFixture('Dockerfile.listed');
    const [hint] = problemsOn(analysis, 3);

    assert.equal(wasteReport(analysis.stack).unknownSizes, 0);
    assert.equal(wasteReport(analysis.stack).wastedBytes, 83);
    assert.doesNotMatch(hint.message, /cannot list/);
  });

  it('chown -R and rm -rf count alike', async () => {
    const changed = await predict('FROM debian\nRUN apt-get update\nRUN chown -R 1000 /var/lib/apt/lists\n');
    const deleted = await predict('FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists\n');

    assert.equal(wasteReport(changed.stack).unknownSizes, 1);
    assert.equal(wasteReport(deleted.stack).unknownSizes, 1);
  });

  for (const command of ['touch node_modules/*', 'chmod 600 node_modules/*', 'chown 1000 node_modules/*', 'chgrp 1000 node_modules/*.js', 'chmod -R go-w node_modules/*', 'chown -R 1000 node_modules/*/lib']) {
    it(command, async () => {
      const analysis = await predict(`${copiedModules}RUN ${command}\n`, lockFiles);
      const step = stepAt(analysis, 7);
      const name = command.split(' ')[0];

      assert.equal(wasteReport(analysis.stack).unknownSizes, 1);
      assert.deepEqual(analysis.stack.layers[step.index].summary.shadowed, { count: 1, bytes: 0, unknownSizes: 1 });
      assert.equal(step.certainty, 'unknown');
      assert.ok(step.notes.some((note) => note.startsWith(`${name}: /app/node_modules may hold files this prediction cannot list. The matches of "`)), step.notes.join('\n'));
      assert.ok(!step.notes.some((note) => note.includes('depends on values')), step.notes.join('\n'));
      assert.match(problemsOn(analysis, 7)[0]?.message ?? '', /^This RUN changes only the metadata of the files in \/app\/node_modules that this prediction cannot list/);
    });
  }

  it('chmod of a glob with a listed match', async () => {
    const analysis = await predict(`${copiedModules}COPY index.js node_modules/\nRUN chmod 600 node_modules/*\n`, { ...lockFiles, 'index.js': 'module.exports = 1;\n' });
    const [hint] = problemsOn(analysis, 8);

    assert.equal(wasteReport(analysis.stack).unknownSizes, 1);
    assert.deepEqual(changesAt(analysis, 8), ['/app/node_modules modified directory', '/app/node_modules/index.js modified file']);
    assert.match(hint.message, /^This RUN changes only the mode of \/app\/node_modules\/index\.js \(0644 → 0600\), yet the layer stores the whole file again \(20 B\)\. The files in \/app\/node_modules that this prediction cannot list are stored again too/);
  });

  it('touch of a glob over files this RUN wrote', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIR /app\nRUN npm ci && touch node_modules/*\n', lockFiles);
    const step = stepAt(analysis, 3);

    assert.equal(wasteReport(analysis.stack).unknownSizes, 0);
    assert.equal(step.certainty, 'unknown');
    assert.ok(step.notes.includes('touch: /app/node_modules may hold files this prediction cannot list. The matches of "node_modules/*" among them are changed too.'), step.notes.join('\n'));
  });

  it('folder this RUN made anew', async () => {
    const analysis = await predict('FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists && mkdir /var/lib/apt/lists && chown -R 1000 /var/lib/apt/lists\n');

    assert.equal(wasteReport(analysis.stack).unknownSizes, 1);
    assert.equal(analysis.stack.layers[stepAt(analysis, 3).index].summary.shadowed.unknownSizes, 0);
  });
});
