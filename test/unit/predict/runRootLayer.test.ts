import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { knownImageOf } from '../../../src/core/image/knownImage';
import { readImage } from '../../../src/core/image/readImage';
import type { KnownImage } from '../../../src/core/predict/baseImage';

// A busybox root filesystem imported by Docker Engine 20.10, whose layer tar has a `./` entry of
// 0:0 0755 (see fixtures/images/README.md).
const busybox = join(__dirname, '../../fixtures/images/busybox-local-2.tar');

/** Returns the paths of the predicted layer of the step on line `line`. */
function pathsAt(analysis: Analysis, line: number): string[] {
  const step = analysis.steps.find((item) => item.line === line);
  assert.ok(step, `a step on line ${line}`);
  return analysis.stack.layers[step.index].layer.entries.map((entry) => entry.path);
}

describe('/ in a RUN layer', () => {
  let folder: string;
  let known: KnownImage;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-run-root-'));
    known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function analyzeOn(text: string, builder: BuilderKind): Promise<Analysis> {
    const dockerfilePath = join(folder, 'Dockerfile');
    writeFileSync(dockerfilePath, text);
    return analyze({ dockerfilePath, text, builder, images: (reference) => (reference === 'base:1' ? known : undefined) });
  }

  it('classic: chmod 777 / makes no layer', async () => {
    // Docker Engine 20.10's classic builder on vfs storage recorded this RUN as an empty layer.
    const analysis = await analyzeOn('FROM base:1\nRUN chmod 777 /\n', 'classic');
    const step = analysis.steps.find((item) => item.line === 2);
    assert.equal(step?.emptyLayer, true);
    assert.equal(step?.certainty, 'exact');
    assert.deepEqual(pathsAt(analysis, 2), []);
  });

  it('buildah: chmod 777 / lists no /', async () => {
    // buildah 1.28.2 `bud --layers` recorded only its own mount points for this RUN, no `./` entry.
    const analysis = await analyzeOn('FROM base:1\nRUN chmod 777 /\n', 'buildah');
    assert.ok(!pathsAt(analysis, 2).includes('/'));
  });

  it('classic: chmod 777 / && touch /a', async () => {
    const analysis = await analyzeOn('FROM base:1\nRUN chmod 777 / && touch /a\n', 'classic');
    assert.deepEqual(pathsAt(analysis, 2), ['/a']);
  });

  it('buildkit: chmod 777 / keeps /', async () => {
    const analysis = await analyzeOn('FROM base:1\nRUN chmod 777 /\n', 'buildkit');
    assert.deepEqual(pathsAt(analysis, 2), ['/']);
  });
});
