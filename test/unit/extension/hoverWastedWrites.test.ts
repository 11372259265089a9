/** The hover's sentence on the files of a step that later steps shadow or delete. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { findStageStep } from '../../../src/core/analysis/stageViews';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { testImages } from '../predict/helpers';

const fixtures = path.resolve(__dirname, '../../fixtures/hover');

async function analyzeFixture(relative: string): Promise<Analysis> {
  const dockerfilePath = path.join(fixtures, relative);
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), images: testImages });
}

/** Renders the hover on a 1-based line, in whichever stage's chain contains it. */
function hoverAt(analysis: Analysis, line: number): string {
  const found = findStageStep(analysis, line);
  assert.ok(found, `no step on line ${line}`);
  return renderStepHover(found.view, found.step, 'file:///hover/Dockerfile', analysis);
}

/** Returns the hover's paragraph that states which bytes are wasted, or `undefined`. */
function wastedSentence(hover: string): string | undefined {
  return hover.split('\n\n').find((paragraph) => /, so these bytes are wasted\b.*\.$/.test(paragraph));
}

describe('hover on wasted writes', () => {
  it('COPY that a later COPY shadows whole', async () => {
    // Line 13 copies config.yaml (29 B), and line 14 copies another over it.
    const analysis = await analyzeFixture('project/Dockerfile');
    const hover = hoverAt(analysis, 13);

    assert.equal(wastedSentence(hover), 'Line 14 shadows its file (29 B), so these bytes are wasted.');
    // The sentence follows the list of added paths.
    const paragraphs = hover.split('\n\n');
    const adds = paragraphs.findIndex((paragraph) => paragraph.startsWith('**Adds**'));
    assert.match(paragraphs[adds + 1], /^Line 14 shadows/);
  });

  it('files shadowed and deleted by two lines', async () => {
    // Line 2 copies 4 files. Line 3 shadows config.json (17 B), and line 4 deletes cache.bin (100 B) and debug.log (26 B).
    const analysis = await analyzeFixture('wasted/Dockerfile');

    assert.equal(wastedSentence(hoverAt(analysis, 2)), 'Lines 3 and 4 shadow or delete 3 of its 4 files (143 B), so these bytes are wasted.');
  });

  it('folder that a later RUN deletes', async () => {
    // Line 6 copies a.txt (2 B) and b.txt (3 B), and line 7 deletes their folder.
    const analysis = await analyzeFixture('wasted/Dockerfile');

    assert.equal(wastedSentence(hoverAt(analysis, 6)), 'Line 7 deletes both of its files (5 B), so these bytes are wasted.');
  });

  it('COPY with an empty file', async () => {
    // Line 2 copies config.yaml (9 B), main.py (9 B) and the empty empty.txt, and line 3 copies another config.yaml over it.
    const analysis = await analyzeFixture('empty-files/Dockerfile');
    const hover = hoverAt(analysis, 2);

    assert.ok(hover.includes('- `/app/empty.txt` 0 B'), hover);
    assert.equal(wastedSentence(hover), 'Line 3 shadows 1 of its 2 non-empty files (9 B), so these bytes are wasted.');
  });

  it('RUN with a file of unknown size', async () => {
    // Line 4 writes greeting (6 B) and stamp, whose size `date` decides, and line 5 copies another greeting over it.
    const analysis = await analyzeFixture('empty-files/Dockerfile');

    assert.equal(wastedSentence(hoverAt(analysis, 4)), 'Line 5 shadows its only file of known size (6 B), so these bytes are wasted.');
  });

  it('steps whose files stay visible', async () => {
    const analysis = await analyzeFixture('wasted/Dockerfile');

    for (const line of [3, 5]) assert.equal(wastedSentence(hoverAt(analysis, line)), undefined, `line ${line}`);
  });

  it('one shadowed version is singular', async () => {
    const analysis = await analyzeFixture('wasted/Dockerfile');

    assert.ok(hoverAt(analysis, 3).includes('**Modifies** 1 path (15 B), shadowing the version from line 2 (17 B):\n'), hoverAt(analysis, 3));
  });

  it('stage the target does not include', async () => {
    // Line 4 shadows the 8-byte config.json of line 3 in the build stage, which the target only copies from.
    const analysis = await analyzeFixture('stage-waste/Dockerfile');

    assert.equal(wastedSentence(hoverAt(analysis, 3)), "Line 4 shadows its file (8 B), so these bytes are wasted in this stage's image, which the target's image does not include.");
  });
});
