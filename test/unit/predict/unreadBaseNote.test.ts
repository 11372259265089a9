import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../src/core/analysis/incremental';
import type { Analysis } from '../../../src/core/analysis/types';
import { walkContext } from '../../../src/core/context/walk';
import type { UnreadImageHint } from '../../../src/core/predict/baseImage';
import { makeContext, removeContexts, stepAt, testImages } from './helpers';

/** Analyses `dockerfile` in a context with `app.txt`, passing `unreadImageHint` when given. */
async function analyseWith(dockerfile: string, unreadImageHint?: UnreadImageHint): Promise<Analysis> {
  const root = makeContext({ Dockerfile: dockerfile, 'app.txt': 'app\n' });
  return analyze({ dockerfilePath: join(root, 'Dockerfile'), text: dockerfile, images: testImages, unreadImageHint });
}

/** A hint that names the reference it was given, so a test checks which image the note names. */
const frontEndHint: UnreadImageHint = (reference) => `Front end advice for ${reference}.`;

describe('note of a base image not read', () => {
  afterEach(removeContexts);

  it('neutral advice without a hint', async () => {
    const analysis = await analyseWith('ARG TAG=3.12\nFROM python:${TAG}-slim\nRUN true\n');

    assert.deepEqual(analysis.steps[0].notes.slice(1), ['Give the image python:3.12-slim to the analysis to have its files known.']);
  });

  it('neutral advice names no front end', async () => {
    const analysis = await analyseWith('FROM python:3.12-slim\nRUN true\n');

    const advice = analysis.steps[0].notes.join(' ');
    assert.doesNotMatch(advice, /layerLens\./);
    assert.doesNotMatch(advice, /--base-image/);
    assert.doesNotMatch(advice, /editor|CLI/);
  });

  it('front end hint for the expanded reference', async () => {
    const requested: string[] = [];
    const hint: UnreadImageHint = (reference) => {
      requested.push(reference);
      return frontEndHint(reference);
    };
    const analysis = await analyseWith('ARG TAG=3.12\nFROM shell-only AS tools\nRUN true\nFROM python:${TAG}-slim\nRUN true\n', hint);

    assert.deepEqual(stepAt(analysis, 4).notes.slice(1), ['Front end advice for python:3.12-slim.']);
    // The read base image of the first stage needs no advice.
    const toolsFrom = analysis.stageChains?.[0].steps.find((step) => step.line === 2);
    assert.deepEqual(toolsFrom?.notes, ['The base image shell-only was read: its files are known.']);
    assert.deepEqual([...new Set(requested)], ['python:3.12-slim']);
  });

  it('hint returning undefined keeps neutral advice', async () => {
    const analysis = await analyseWith('FROM python:3.12-slim\nRUN true\n', () => undefined);

    assert.deepEqual(analysis.steps[0].notes.slice(1), ['Give the image python:3.12-slim to the analysis to have its files known.']);
  });

  it('changed hint reaches a kept prediction', async () => {
    const incremental = new IncrementalPredictions();
    const text = 'FROM python:3.12-slim\nRUN true\n';
    const root = makeContext({ Dockerfile: text });
    // The editor passes its cached walk, and a kept prediction is reused only for the same walk.
    const context = await walkContext(root);
    const run = (unreadImageHint: UnreadImageHint) => analyze({ dockerfilePath: join(root, 'Dockerfile'), text, context, images: testImages, unreadImageHint, incremental });

    await run(() => 'Start the engine.');
    const again = await run(() => 'Pull the image.');

    assert.deepEqual(again.steps[0].notes.slice(1), ['Pull the image.']);
  });
});

describe('note of a COPY --from image not read', () => {
  afterEach(removeContexts);

  it('one note with the hint', async () => {
    const analysis = await analyseWith('FROM shell-only\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/os-release /app/\n', frontEndHint);

    const notes = stepAt(analysis, 2).notes;
    const imageNotes = notes.filter((note) => note.startsWith('The image '));
    assert.deepEqual(imageNotes, ['The image nginx:1.27 is not read, so the files this step copies from it are unknown. Front end advice for nginx:1.27.']);
    // Each source's own note names the image, and leaves saying it is not read to the step's note.
    assert.equal(notes.filter((note) => note.includes('not read')).length, 1, notes.join('\n'));
    assert.ok(notes.some((note) => note.startsWith('"/etc/os-release" comes from the image "nginx:1.27". ')), notes.join('\n'));
  });

  it('only the unread image gets the note', async () => {
    const dockerfile = [
      'FROM shell-only AS build',
      'COPY app.txt /app.txt',
      'FROM shell-only',
      'COPY --from=build /app.txt /app.txt',
      'COPY --from=shell-only /bin/sh /copied-sh',
      'COPY --from=alpine:3.20 /etc/alpine-release /alpine-release',
      '',
    ].join('\n');
    const analysis = await analyseWith(dockerfile, frontEndHint);

    const imageNotes = (line: number) => stepAt(analysis, line).notes.filter((note) => note.startsWith('The image '));
    assert.deepEqual(imageNotes(4), [], 'a stage is no image');
    assert.deepEqual(imageNotes(5), [], 'a read image needs no advice');
    assert.deepEqual(imageNotes(6), ['The image alpine:3.20 is not read, so the files this step copies from it are unknown. Front end advice for alpine:3.20.']);
  });

  it('neutral advice without a hint', async () => {
    const analysis = await analyseWith('FROM shell-only\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /app/\n');

    assert.ok(
      stepAt(analysis, 2).notes.includes('The image nginx:1.27 is not read, so the files this step copies from it are unknown. Give the image nginx:1.27 to the analysis to have its files known.'),
      stepAt(analysis, 2).notes.join('\n'),
    );
  });
});
