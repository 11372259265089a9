/** The hidden writes of one layer agree with the waste records of a traversal of every path. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import { wasteReport } from '../../../src/core/model/merged';
import type { LayerStack } from '../../../src/core/model/stack';
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
    });
  }

  it('files of two folders listed in turn', () => {
    // The files of /a and /b alternate, and layer 1 deletes /a: what hides one folder's files,
    // looked up once per folder, must not reach the other's.
    const stack = stackOfLayers([fileEntry('/a/x', 1), fileEntry('/b/y', 2), fileEntry('/a/z', 4), fileEntry('/b/w', 8)], [whiteoutEntry('/a')]);
    const hidden = hiddenWritesOf(stack, 0);

    assert.equal(hidden?.files, 2);
    assert.equal(hidden?.bytes, 5);
    assert.deepEqual([...(hidden?.hiders ?? [])].map(([layer, kinds]) => [layer, [...kinds]]), [[1, ['deleted']]]);
  });

  it('layer pushed again after truncation', () => {
    // Layer 1 writes /b/y, which layer 2 deletes. After truncation, the new layer 1 writes
    // /a/x instead, which no later layer hides, so nothing kept of the old layer 1 may count.
    const stack = stackOfLayers([fileEntry('/a/x', 1)], [fileEntry('/b/y', 2)], [whiteoutEntry('/b')]);
    assert.equal(hiddenWritesOf(stack, 1)?.bytes, 2);

    stack.truncate(1);
    stack.push({ entries: [fileEntry('/a/x', 3)], certainty: 'exact' });
    stack.push({ entries: [whiteoutEntry('/b')], certainty: 'exact' });

    assert.equal(hiddenWritesOf(stack, 1), undefined);
    assert.equal(hiddenWritesOf(stack, 0)?.bytes, 1);
  });

  for (const dockerfile of ['hover/project/Dockerfile', 'hover/wasted/Dockerfile']) {
    it(`prediction ${dockerfile}`, async () => {
      const dockerfilePath = path.join(fixtures, dockerfile);
      const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), images: testImages });
      const expected = fromTraversal(analysis.stack);

      assert.ok(expected.size > 0, 'the prediction hides no bytes, so it tests nothing');
      assert.deepEqual(fromLayers(analysis.stack), expected);
    });
  }
});
