/** The largest changes that `layer-lens image` lists for a layer in its text report. */
import { strict as assert } from 'node:assert';
import { formatImageText } from '../../../src/cli/imageText';
import type { ImageJson, ImageJsonChange } from '../../../src/core/report/imageReport';
import { imageJson } from './imageJsonBuilder';

function folder(path: string, opaque = false): ImageJsonChange {
  const change: ImageJsonChange = { path, change: 'modified', type: 'directory', size: 0, mode: '0755', uid: 0, gid: 0, certainty: 'exact' };
  if (opaque) change.opaque = true;
  return change;
}

/** Builds a report of one layer with `changes`, the other fields as an image without a Dockerfile has them. */
function report(changes: ImageJsonChange[]): ImageJson {
  return imageJson({ layers: [{ createdBy: 'RUN rm -rf /z && mkdir /z', emptyLayer: false, digest: null, blobDigest: null, certainty: 'exact', size: 0, changes }] });
}

describe('image text changes', () => {
  it('opaque folder ranks with deletions', () => {
    // Five plain folders sort before /z, so /z would be the one left out if it ranked as a folder.
    const text = formatImageText(report([folder('/a'), folder('/b'), folder('/c'), folder('/d'), folder('/e'), folder('/z', true)]));
    const listed = text.split('\n').filter((line) => line.startsWith('       '));
    assert.equal(listed[0], '       ~ /z  folder, opaque: hides what lower layers had in it');
    assert.equal(listed[5], '       … and 1 more change (--json lists them all)');
  });
});
