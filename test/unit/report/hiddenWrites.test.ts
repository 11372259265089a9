/** The hidden writes of one layer agree with the waste records of a traversal of every path. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import { wasteReport } from '../../../src/core/model/merged';
import type { LayerEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { hiddenWritesOf } from '../../../src/core/report/hiddenWrites';
import { testImages } from '../predict/helpers';
import { fileEntry, stackOfLayers, whiteoutEntry } from '../model/stackHelpers';

const fixtures = path.resolve(__dirname, '../../fixtures');

/** Sums the records of `wasteReport` per writing layer, in the form `hiddenWritesOf` returns. */
function fromTraversal(stack: LayerStack): Map<number, string> {
  const sums = new Map<number, { files: number; bytes: number; hiders: Set<string> }>();
  wasteReport(stack, stack.top, (record) => {
    const sum = sums.get(record.writtenBy) ?? { files: 0, bytes: 0, hiders: new Set<string>() };
    sum.files++;
    sum.bytes += record.bytes;
    sum.hiders.add(`${record.hiddenBy} ${record.kind}`);
    sums.set(record.writtenBy, sum);
  });
  return new Map([...sums].map(([layer, sum]) => [layer, `${sum.files} ${sum.bytes} ${[...sum.hiders].sort().join(', ')}`]));
}

/** Pushes the layers of `stack` onto a new stack that keeps nodes, which sums hidden files as it pushes. */
function restackKeepingNodes(stack: LayerStack): LayerStack {
  const withNodes = new LayerStack({ keepNodes: true });
  for (const { layer } of stack.layers) withNodes.push(layer);
  return withNodes;
}

/** Returns random layer entries over a few nested paths, from a linear congruential generator. */
function randomLayers(seed: number, count: number): LayerEntry[][] {
  let state = seed;
  const next = (bound: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * bound);
  };
  const paths = ['/a', '/a/b', '/a/b/c', '/a/b/d', '/a/e', '/f', '/f/g'];
  const layers: LayerEntry[][] = [];
  for (let layer = 0; layer < count; layer++) {
    const entries: LayerEntry[] = [];
    for (let entry = next(4) + 1; entry > 0; entry--) {
      const path = paths[next(paths.length)];
      const kind = next(6);
      if (kind === 0) entries.push(whiteoutEntry(path));
      else if (kind === 1) entries.push(fileEntry(path, 0, { type: 'directory', opaque: next(2) === 0 || undefined }));
      else entries.push(fileEntry(path, next(3) === 0 ? (null as unknown as number) : next(4)));
    }
    layers.push(entries);
  }
  return layers;
}

function fromLayers(stack: LayerStack): Map<number, string> {
  const sums = new Map<number, string>();
  for (const layer of stack.layers) {
    const hidden = hiddenWritesOf(stack, layer.index);
    if (!hidden) continue;
    const hiders = [...hidden.hiders].flatMap(([hider, kinds]) => [...kinds].map((kind) => `${hider} ${kind}`));
    sums.set(layer.index, `${hidden.files} ${hidden.bytes} ${hiders.sort().join(', ')}`);
  }
  return sums;
}

describe('hidden writes of a layer', () => {
  const archives = [
    'images/16-rm-rf-recreate.docker-overlay2.tar',
    'images/21-run-chains.docker.tar',
    'images/recreated-folder/recreated-folder.buildah.tar',
    'images/real-layers/real-layers.docker-overlay2.tar',
    'images/unlisted-copy/unlisted-copy.docker-overlay2.tar',
  ];
  for (const archive of archives) {
    it(`image ${path.basename(archive)}`, async () => {
      const { stack } = stackImage(await readImage({ kind: 'path', path: path.join(fixtures, archive) }));
      const expected = fromTraversal(stack);

      assert.ok(expected.size > 0, 'the image hides no bytes, so it tests nothing');
      assert.deepEqual(fromLayers(stack), expected);
      assert.deepEqual(fromLayers(restackKeepingNodes(stack)), expected);
    });
  }

  it('summed on push, same as walked', () => {
    // A stack that keeps nodes sums each layer's hidden files as it pushes the layers that hide
    // them, and one that keeps none walks the layer's files. Both must agree on every layer. They
    // must also agree after a truncation and new layers on top.
    for (let seed = 1; seed <= 400; seed++) {
      const layers = randomLayers(seed, 7);
      const walked = stackOfLayers(...layers);
      const summed = restackKeepingNodes(walked);
      assert.deepEqual(fromLayers(summed), fromLayers(walked), `seed ${seed}`);

      const truncated = 2 + (seed % 4);
      walked.truncate(truncated);
      summed.truncate(truncated);
      for (const entries of randomLayers(seed + 1000, 3)) {
        walked.push({ entries, certainty: 'exact' });
        summed.push({ entries, certainty: 'exact' });
      }
      assert.deepEqual(fromLayers(summed), fromLayers(walked), `seed ${seed}, after truncation`);
    }
  });

  it('files of two folders listed in turn', () => {
    // The files of /a and /b alternate, and layer 1 deletes /a: what hides one folder's files,
    // looked up once per folder, must not reach the other's.
    const stack = stackOfLayers([fileEntry('/a/x', 1), fileEntry('/b/y', 2), fileEntry('/a/z', 4), fileEntry('/b/w', 8)], [whiteoutEntry('/a')]);
    const hidden = hiddenWritesOf(stack, 0);

    assert.equal(hidden?.files, 2);
    assert.equal(hidden?.bytes, 5);
    assert.deepEqual([...(hidden?.hiders ?? [])].map(([layer, kinds]) => [layer, [...kinds]]), [[1, ['deleted']]]);
  });

  for (const keepNodes of [false, true]) {
    it(`layer pushed again after truncation${keepNodes ? ', nodes kept' : ''}`, () => {
      // Layer 1 writes /b/y, which layer 2 deletes. After truncation, the new layer 1 writes
      // /a/x instead, which no later layer hides, so nothing kept of the old layer 1 may count.
      const stack = new LayerStack({ keepNodes });
      for (const entries of [[fileEntry('/a/x', 1)], [fileEntry('/b/y', 2)], [whiteoutEntry('/b')]]) stack.push({ entries, certainty: 'exact' });
      assert.equal(hiddenWritesOf(stack, 1)?.bytes, 2);

      stack.truncate(1);
      stack.push({ entries: [fileEntry('/a/x', 3)], certainty: 'exact' });
      stack.push({ entries: [whiteoutEntry('/b')], certainty: 'exact' });

      assert.equal(hiddenWritesOf(stack, 1), undefined);
      assert.equal(hiddenWritesOf(stack, 0)?.bytes, 1);
    });
  }

  it('hider removed by truncation, nodes kept', () => {
    // Layer 1 shadows /a/x of layer 0. Once truncation removes layer 1, layer 0 hides nothing,
    // and a new layer 1 that writes elsewhere must not inherit the removed layer's share.
    const stack = new LayerStack({ keepNodes: true });
    stack.push({ entries: [fileEntry('/a/x', 5)], certainty: 'exact' });
    stack.push({ entries: [fileEntry('/a/x', 6)], certainty: 'exact' });
    assert.equal(hiddenWritesOf(stack, 0)?.bytes, 5);

    stack.truncate(1);
    assert.equal(hiddenWritesOf(stack, 0), undefined);
    stack.push({ entries: [fileEntry('/b/y', 7)], certainty: 'exact' });
    assert.equal(hiddenWritesOf(stack, 0), undefined);
  });

  // An analysis for hovers sums the shares as it pushes each layer, and one without it walks the files.
  for (const dockerfile of ['hover/project/Dockerfile', 'hover/wasted/Dockerfile']) {
    for (const forHovers of [false, true]) {
      it(`prediction ${dockerfile}${forHovers ? ', for hovers' : ''}`, async () => {
        const dockerfilePath = path.join(fixtures, dockerfile);
        const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), images: testImages, forHovers });
        const expected = fromTraversal(analysis.stack);

        assert.ok(expected.size > 0, 'the prediction hides no bytes, so it tests nothing');
        assert.deepEqual(fromLayers(analysis.stack), expected);
      });
    }
  }
});
