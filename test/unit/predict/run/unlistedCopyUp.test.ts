/** RUN metadata changes (chown -R, chmod -R) of folders whose contents are not all listed. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Analysis } from '../../../../src/core/analysis/types';
import { wasteReport } from '../../../../src/core/model/merged';
import { predict, removeContexts, stepAt } from '../helpers';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'unlisted-copy-up');

async function analyzeFixture(name: string): Promise<Analysis> {
  const dockerfilePath = join(fixtures, name);
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
}

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

  it('folder this RUN made anew', async () => {
    const analysis = await predict('FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists && mkdir /var/lib/apt/lists && chown -R 1000 /var/lib/apt/lists\n');

    assert.equal(wasteReport(analysis.stack).unknownSizes, 1);
    assert.equal(analysis.stack.layers[stepAt(analysis, 3).index].summary.shadowed.unknownSizes, 0);
  });
});
