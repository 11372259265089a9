import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import type { LayerStack } from '../../../src/core/model/stack';

const fixtures = join(__dirname, '../../fixtures/images');

interface ExpectedChange {
  path: string;
  change: string;
  type: string;
  size: number;
  opaque?: boolean;
}

interface Expected {
  archive: string;
  diffIds: string[];
  layers: Array<{ historyIndex: number; createdBy: string; emptyLayer: boolean; changes: ExpectedChange[] }>;
}

/** Lists a stack layer's changes; a deletion takes the type and size of the version it hides. */
function changesOf(stack: LayerStack, index: number): ExpectedChange[] {
  return stack.layers[index].entries
    .map(({ entry, change }) => {
      const version = entry.op === 'write' ? entry : stack.lookup(entry.path, index - 1)?.entry;
      const row: ExpectedChange = { path: entry.path, change, type: version?.type ?? '?', size: version?.size ?? -1 };
      if (entry.op === 'write' && entry.opaque) row.opaque = true;
      return row;
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

describe('readImage docker-archive', () => {
  for (const name of ['16-rm-rf-recreate.docker-overlay2', '21-run-chains.docker', '21-run-chains.buildah']) {
    it(`${name} layers`, async () => {
      const expected = JSON.parse(readFileSync(join(fixtures, 'expected', `${name}.json`), 'utf8')) as Expected;
      const image = await readImage({ kind: 'path', path: join(fixtures, expected.archive) });
      const { stack, problems } = stackImage(image);
      assert.equal(image.format, 'docker-archive');
      assert.deepEqual(image.layers.map((layer) => layer.diffId), expected.diffIds);
      assert.deepEqual(image.problems, []);
      assert.deepEqual(problems, []);
      assert.equal(stack.layers.length, 1 + expected.layers.length);
      for (const layer of expected.layers) {
        assert.equal(image.steps[layer.historyIndex].history.createdBy, layer.createdBy);
        assert.deepEqual(changesOf(stack, layer.historyIndex), layer.changes, `layer ${layer.historyIndex}`);
      }
    });
  }

  it('busybox base image', async () => {
    const image = await readImage({ kind: 'path', path: join(fixtures, 'busybox-local-2.tar') });
    const { stack } = stackImage(image);
    assert.equal(image.reference, 'busybox-local:2');
    assert.equal(image.platform, 'linux/amd64');
    assert.equal(image.layers.length, 1);
    assert.equal(image.layers[0].compression, 'none');
    assert.equal(stack.layers[0].entries.length, 62);
    assert.equal(stack.layers[0].summary.added.count, 62);
    assert.equal(stack.lookup('/etc/passwd')?.entry.type, 'file');
    assert.equal(stack.lookup('/usr/share/doc/base/README')?.entry.type, 'file');
  });

  it('platform the archive lacks', async () => {
    const path = join(fixtures, '21-run-chains.docker.tar');
    const image = await readImage({ kind: 'path', path }, { platform: 'linux/arm64' });
    assert.equal(image.platform, 'linux/amd64');
    assert.deepEqual(image.problems, [`${path}: the image is for linux/amd64, not linux/arm64; it holds one image only, so that one is read.`]);
    assert.deepEqual((await readImage({ kind: 'path', path }, { platform: 'linux/amd64' })).problems, []);
  });

  it('reports progress per layer', async () => {
    const seen: Array<[number, number | null]> = [];
    await readImage({ kind: 'path', path: join(fixtures, '21-run-chains.docker.tar') }, {
      onProgress: (progress) => seen.push([progress.layersRead, progress.layers]),
    });
    // Byte counts are reported between layers too, so only the changes of the layer count are compared.
    const layerCounts = [...new Set(seen.map(([layersRead]) => layersRead))];
    assert.deepEqual(layerCounts.filter((count) => count > 0), [1, 2, 3, 4]);
    assert.deepEqual(seen.at(-1), [4, 4]);
  });
});
