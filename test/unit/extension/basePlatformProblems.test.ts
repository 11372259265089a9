import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { basePlatformProblems, linkedPlatformProblems } from '../../../src/extension/image/platformProblems';

const dockerfilePath = path.resolve(__dirname, '../../fixtures/base-platform/Dockerfile');
// Docker Engine 20.10 saved this image, which is for linux/amd64.
const busyboxArchive = path.resolve(__dirname, '../../fixtures/images/busybox-local-2.tar');

describe('basePlatformProblems', () => {
  let analysis: Analysis;
  let busybox: ImageData;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), platform: 'linux/arm64' });
    busybox = await readImage({ kind: 'path', path: busyboxArchive });
  });

  it('FROM lines without their own platform', () => {
    const problems = basePlatformProblems(analysis, 'linux/arm64', new Map([['busybox-local:2', busybox]]));

    assert.deepEqual(problems.map((problem) => problem.line), [2, 7]);
    assert.equal(problems[0].severity, 'warning');
    assert.equal(
      problems[0].message,
      'layerLens.platform "linux/arm64" does not match the base image busybox-local:2 in the container engine, which is for linux/amd64 only, ' +
        'so Layer Lens stacks the prediction on that linux/amd64 image. Give the engine a linux/arm64 image of busybox-local:2, or set layerLens.platform to linux/amd64.',
    );
  });

  it('image only COPY --from reads, line 1', () => {
    const problems = basePlatformProblems(analysis, 'linux/arm64', new Map([['other-local:1', busybox]]));

    assert.deepEqual(problems.map((problem) => problem.line), [1]);
    assert.match(problems[0].message, /the base image other-local:1 in the container engine/);
  });

  it('matching platform, no problem', () => {
    assert.deepEqual(basePlatformProblems(analysis, 'linux/amd64', new Map([['busybox-local:2', busybox]])), []);
  });

  it('host platform, no problem', () => {
    assert.deepEqual(basePlatformProblems(analysis, undefined, new Map([['busybox-local:2', busybox]])), []);
  });
});

describe('linkedPlatformProblems', () => {
  let busybox: ImageData;

  before(async () => {
    busybox = await readImage({ kind: 'path', path: busyboxArchive });
  });

  async function analysisOf(text: string): Promise<Analysis> {
    return analyze({ dockerfilePath, text, platform: 'linux/arm64' });
  }

  it('FROM line of the target chain', async () => {
    // The target continues stage "base", so the chain's first FROM, line 2, names the image.
    const analysis = await analysisOf('FROM scratch AS other\nFROM busybox-local:2 AS base\nFROM base\nRUN true\n');
    const problems = linkedPlatformProblems(analysis, 'linux/arm64', busybox);

    assert.deepEqual(problems.map((problem) => problem.line), [2]);
    assert.equal(
      problems[0].message,
      `layerLens.platform "linux/arm64" does not match the linked image ${busyboxArchive}, which is for linux/amd64, ` +
        'so Layer Lens compares a linux/arm64 prediction with a linux/amd64 image. Link a linux/arm64 image, or set layerLens.platform to linux/amd64.',
    );
  });

  it('FROM --platform chain, no problem', async () => {
    const analysis = await analysisOf('FROM --platform=linux/amd64 busybox-local:2\nRUN true\n');
    assert.deepEqual(linkedPlatformProblems(analysis, 'linux/arm64', busybox), []);
  });

  it('matching or unset platform, no problem', async () => {
    const analysis = await analysisOf('FROM busybox-local:2\nRUN true\n');
    assert.deepEqual(linkedPlatformProblems(analysis, 'linux/amd64', busybox), []);
    assert.deepEqual(linkedPlatformProblems(analysis, undefined, busybox), []);
  });
});
