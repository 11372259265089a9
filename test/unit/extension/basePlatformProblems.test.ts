import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { basePlatformProblems } from '../../../src/extension/image/platformProblems';

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
