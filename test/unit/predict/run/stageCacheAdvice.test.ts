import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../../src/core/analysis/incremental';
import type { Analysis } from '../../../../src/core/analysis/types';
import { walkContext } from '../../../../src/core/context/walk';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import { predict, removeContexts, stepAt } from '../helpers';

const goStages = join(__dirname, '..', '..', '..', 'fixtures', 'waste-advice', 'go-stages');
const goStagesText = readFileSync(join(goStages, 'Dockerfile'), 'utf8');

/** Returns the note of the step on `line` that names the cache folder `cache`. */
function cacheNote(analysis: Analysis, line: number, cache: string): string {
  const notes = stepAt(analysis, line).notes.filter((note) => note.includes(`leaves its cache in ${cache}`));
  assert.equal(notes.length, 1, `cache notes on line ${line}: ${JSON.stringify(stepAt(analysis, line).notes)}`);
  return notes[0];
}

/** Analyses the fixture (`go build` in stage "build", which a `FROM scratch` stage copies from) with `text` in place of its Dockerfile. */
async function analyzeGoStages(builder: BuilderKind, text = goStagesText): Promise<Analysis> {
  return analyze({ dockerfilePath: join(goStages, 'Dockerfile'), text, builder, target: 'build' });
}

const goNote = 'go leaves its cache in /root/.cache/go-build, which stays in this layer';

describe('cache advice by stage', () => {
  after(removeContexts);

  it('go build in a stage a later stage copies from', async () => {
    assert.equal(cacheNote(await analyzeGoStages('buildkit'), 4, '/root/.cache/go-build'), `${goNote}; use a cache mount.`);
  });

  it('go build in a copied stage, classic builder', async () => {
    // The classic builder runs no cache mount, and the stage already is a build stage.
    assert.equal(cacheNote(await analyzeGoStages('classic'), 4, '/root/.cache/go-build'), `${goNote}.`);
  });

  it('go build in a stage nothing copies from', async () => {
    const single = goStagesText.replace(/\nFROM scratch\n.*\n$/s, '\n');
    assert.equal(cacheNote(await analyzeGoStages('buildkit', single), 4, '/root/.cache/go-build'),
      `${goNote}; use a cache mount, or build in an earlier stage and copy only the binary.`);
    assert.equal(cacheNote(await analyzeGoStages('classic', single), 4, '/root/.cache/go-build'),
      `${goNote}; build in an earlier stage and copy only the binary.`);
  });

  it('go build in a stage a later stage continues', async () => {
    const continued = goStagesText.replace('FROM scratch\nCOPY --from=build /out/server /server', 'FROM build\nRUN echo done');
    const analysis = await analyze({ dockerfilePath: join(goStages, 'Dockerfile'), text: continued });
    assert.ok(cacheNote(analysis, 4, '/root/.cache/go-build').endsWith('or build in an earlier stage and copy only the binary.'));
  });

  it('go build in a stage a later RUN mounts', async () => {
    const mounted = goStagesText.replace('FROM scratch\nCOPY --from=build /out/server /server', 'FROM golang:1.22\nRUN --mount=from=build,source=/out,target=/in cp /in/server /server');
    assert.equal(cacheNote(await analyzeGoStages('buildkit', mounted), 4, '/root/.cache/go-build'), `${goNote}; use a cache mount.`);
  });

  it('npm install under the classic builder', async () => {
    const analysis = await predict('FROM node:20\nWORKDIR /app\nRUN npm install\n', {}, { builder: 'classic' });
    assert.equal(cacheNote(analysis, 3, '/root/.npm'), 'npm leaves its cache in /root/.npm, which stays in this layer; run "npm cache clean --force" in the same RUN.');
  });

  it('adding COPY --from rewords a kept prediction', async () => {
    const single = goStagesText.replace(/\nFROM scratch\n.*\n$/s, '\nFROM scratch\n');
    const dockerfilePath = join(goStages, 'Dockerfile');
    const context = await walkContext(goStages, { dockerfilePath });
    const input = { dockerfilePath, context, incremental: new IncrementalPredictions(), target: 'build' };
    const before = cacheNote(await analyze({ ...input, text: single }), 4, '/root/.cache/go-build');
    assert.ok(before.includes('build in an earlier stage'), before);
    const after = cacheNote(await analyze({ ...input, text: goStagesText }), 4, '/root/.cache/go-build');
    assert.equal(after, `${goNote}; use a cache mount.`);
  });
});
