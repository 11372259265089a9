/** RUN deletions of folders that unlisted paths may fill, and notes on unmodelled commands. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Analysis } from '../../../../src/core/analysis/types';
import { wasteReport } from '../../../../src/core/model/merged';
import { certaintiesAt, predict, removeContexts, stepAt } from '../helpers';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'unlisted-run');

async function analyzeFixture(name: string): Promise<Analysis> {
  const dockerfilePath = join(fixtures, name, 'Dockerfile');
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
}

/** Returns the deleted tally of the layer of the step on a 1-based line. */
function deletedAt(analysis: Analysis, line: number) {
  return analysis.stack.layers[stepAt(analysis, line).index].summary.deleted;
}

describe('RUN deletions of folders with unlisted contents', () => {
  after(removeContexts);

  it('folder that truncate wrote into', async () => {
    const analysis = await analyzeFixture('cleanup');

    assert.equal(stepAt(analysis, 5).certainty, 'unknown');
    assert.equal(stepAt(analysis, 6).certainty, 'estimated');
    assert.deepEqual(certaintiesAt(analysis, 6), ['/var/cache/app estimated']);
    assert.deepEqual(deletedAt(analysis, 6), { count: 1, bytes: 0, unknownSizes: 1 });
    assert.ok(stepAt(analysis, 6).notes.some((note) => note.startsWith('/var/cache/app may hold files that earlier steps wrote')), stepAt(analysis, 6).notes.join('\n'));
    assert.equal(wasteReport(analysis.stack).unknownSizes, 1);
  });

  it('files deleted next to the folder', async () => {
    const analysis = await analyzeFixture('cleanup');

    assert.deepEqual(deletedAt(analysis, 5), { count: 2, bytes: 4000, unknownSizes: 0 });
    assert.equal(wasteReport(analysis.stack).wastedBytes, 4006);
  });

  it('FROM debian\\nRUN mkdir /x && echo hi > /x/y\\nRUN rm -rf /x', async () => {
    const analysis = await predict('FROM debian\nRUN mkdir /x && echo hi > /x/y\nRUN rm -rf /x\n');

    assert.equal(stepAt(analysis, 3).certainty, 'exact');
    assert.deepEqual(deletedAt(analysis, 3), { count: 2, bytes: 3, unknownSizes: 0 });
    assert.deepEqual(stepAt(analysis, 3).notes, []);
  });

  it('FROM debian\\nRUN rm -rf /var/cache', async () => {
    const analysis = await predict('FROM debian\nRUN rm -rf /var/cache\n');

    assert.equal(stepAt(analysis, 2).certainty, 'estimated');
    assert.deepEqual(deletedAt(analysis, 2), { count: 1, bytes: 0, unknownSizes: 1 });
  });

  it('FROM debian\\nRUN rm -rf /var/lib/apt/lists/*', async () => {
    const analysis = await predict('FROM debian\nRUN rm -rf /var/lib/apt/lists/*\n');

    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
    assert.ok(stepAt(analysis, 2).notes.some((note) => note.includes('may hold files that earlier steps or the base image wrote')), stepAt(analysis, 2).notes.join('\n'));
  });

  it('RUN apt-get update\\nRUN rm -rf /var/lib/apt/lists/*', async () => {
    const analysis = await predict('FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n');

    assert.deepEqual(deletedAt(analysis, 3), { count: 0, bytes: 0, unknownSizes: 1 });
    assert.equal(analysis.stack.layers[2].entries.find((item) => item.entry.path === '/var/lib/apt/lists')?.hidesUnlisted, true);
  });

  it('RUN apt-get install\\nRUN rm -rf /var/lib/apt/lists', async () => {
    const analysis = await predict('FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists\n');

    assert.notEqual(stepAt(analysis, 3).certainty, 'exact');
    assert.deepEqual(deletedAt(analysis, 3), { count: 1, bytes: 0, unknownSizes: 1 });
  });
});

describe('notes on unmodelled commands', () => {
  it('truncate', async () => {
    const analysis = await analyzeFixture('cleanup');

    assert.ok(stepAt(analysis, 5).notes.includes('"truncate" is not modelled, so what it writes is unknown; the layer may hold more than is listed.'), stepAt(analysis, 5).notes.join('\n'));
  });

  it('RUN ./build.sh', async () => {
    const analysis = await analyzeFixture('build-script');

    assert.equal(stepAt(analysis, 4).certainty, 'unknown');
    assert.deepEqual(stepAt(analysis, 4).notes, ['"./build.sh" runs a program or script that this prediction does not read, so what it writes is unknown; the layer may hold more than is listed.']);
  });
});
