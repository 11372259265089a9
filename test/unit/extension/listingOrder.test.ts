/** The hover's first few paths of a layer, picked without sorting them all. */
import * as assert from 'node:assert/strict';
import type { LayerEntry } from '../../../src/core/model/layer';
import type { ClassifiedEntry } from '../../../src/core/model/stack';
import { firstInListingOrder, sortForListing } from '../../../src/core/model/listingOrder';

function classified(entry: LayerEntry, hiddenCount?: number): ClassifiedEntry {
  return { entry, change: entry.op === 'delete' ? 'deleted' : 'added', layer: 1, hiddenCount };
}

function file(path: string, size: number | null): ClassifiedEntry {
  return classified({ op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' });
}

function deletion(path: string, hiddenCount: number): ClassifiedEntry {
  return classified({ op: 'delete', path, certainty: 'exact' }, hiddenCount);
}

function paths(entries: ClassifiedEntry[]): string[] {
  return entries.map((item) => item.entry.path);
}

describe('hover listing order', () => {
  it('same first entries as a full sort', () => {
    // Few sizes, so that many entries tie on size and the path decides; some sizes are unknown.
    const entries: ClassifiedEntry[] = [];
    for (let i = 0; i < 500; i++) {
      const size = i % 7 === 0 ? null : (i * 37) % 5;
      entries.push(i % 11 === 0 ? deletion(`/d/${(i * 53) % 500}`, i % 4) : file(`/f/${(i * 53) % 500}`, size));
    }

    for (const count of [0, 1, 8, 499, 500, 600]) {
      assert.deepEqual(paths(firstInListingOrder(entries, count)), paths(sortForListing(entries).slice(0, count)), `first ${count}`);
    }
  });

  it('path listed twice with one size', () => {
    // The two entries of /b differ only in their type, so positions tell them apart.
    const entries = [file('/b', 1), file('/a', 1), classified({ op: 'write', path: '/b', type: 'symlink', size: 1, mode: 0o777, uid: 0, gid: 0, certainty: 'exact' }), file('/c', 5)];
    const positions = (picked: ClassifiedEntry[]) => picked.map((item) => entries.indexOf(item));

    assert.deepEqual(positions(firstInListingOrder(entries, 3)), positions(sortForListing(entries).slice(0, 3)));
  });
});
