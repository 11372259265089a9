/**
 * The PATH of a linked build's base: where the Dockerfile sets none, the image's PATH is the
 * base's, so a RUN of a program that the base layers lack fails its lookup as in the real build.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { builderKindOf, linkedBaseImage } from '../../../src/core/image/linkedBuild';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { readImage } from '../../../src/core/image/readImage';
import { dockerArchive, plainLayer } from './imageBuilder';

/** A BusyBox base with no apt-get, as `docker import` makes it, then the empty layer of `RUN apt-get update || true`. */
const layers = [
  plainLayer([{ name: 'bin/', type: '5' }, { name: 'bin/busybox', body: 'elf', mode: 0o755 }, { name: 'bin/sh', type: '2', linkname: 'busybox' }]),
  plainLayer([]),
];
const history = [{ created_by: '', comment: 'Imported from -' }, { created_by: '/bin/sh -c apt-get update || true' }];

describe('linked base image PATH', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-linked-path-'));
    writeFileSync(join(folder, 'image.tar'), dockerArchive(layers, { history }));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  /** Predicts `text` stacked on the image's base layers, as `layer-lens image --dockerfile` does, for an image whose Env is `env`. */
  async function linkedPrediction(text: string, env: string[]): Promise<Analysis> {
    const image = await readImage({ kind: 'path', path: join(folder, 'image.tar') });
    image.config = { ...image.config, config: { Env: env } };
    const dockerfilePath = join(folder, 'Dockerfile');
    writeFileSync(dockerfilePath, text);
    const link = linkDockerfile(image, text, { path: dockerfilePath });
    const base = linkedBaseImage(image, link);
    const images = base && ((reference: string) => (reference === base.reference ? base.known : undefined));
    return analyze({ dockerfilePath, text, buildArgs: link.buildArgs, builder: builderKindOf(link.mapping.builder), images });
  }

  /** Lists the paths that the layer of the step on `line` writes. */
  function pathsAt(analysis: Analysis, line: number): string[] {
    const step = analysis.steps.find((candidate) => candidate.line === line);
    assert.ok(step, `no step on line ${line}`);
    return analysis.stack.layers[step.index].entries.map(({ entry }) => entry.path);
  }

  it('missing apt-get takes the || branch', async () => {
    const analysis = await linkedPrediction('FROM base:1\nRUN apt-get update || true\n', ['PATH=/usr/sbin:/usr/bin:/sbin:/bin']);
    assert.deepEqual(pathsAt(analysis, 2), []);
  });

  it('PATH set by an ENV is not the base PATH', async () => {
    // The image's PATH already contains the ENV's /opt/bin, so it is not taken for the base's PATH and the lookup is not checked.
    const analysis = await linkedPrediction('FROM base:1\nENV PATH=/opt/bin:$PATH\nRUN apt-get update || true\n', ['PATH=/opt/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
    assert.ok(pathsAt(analysis, 3).some((path) => path.startsWith('/var/')));
  });
});
