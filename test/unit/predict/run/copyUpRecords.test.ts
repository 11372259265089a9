/**
 * A RUN view drops the copy-up records of the paths it removes without scanning the other
 * records: `chmod -R go-rwx /w && rm -f /w/*` over N files must not cost N² record visits.
 * Counting maps replace the record maps, so the test counts visits instead of timing them.
 */
import * as assert from 'node:assert/strict';
import type { WriteEntry } from '../../../../src/core/model/layer';
import { RunView } from '../../../../src/core/predict/run/view';
import { fileEntry, stackOfLayers } from '../../model/stackHelpers';

/** A map that counts the items its iterators and `forEach` hand out. */
class CountingMap<K, V> extends Map<K, V> {
  visits = 0;

  override keys(): MapIterator<K> {
    return this.counted(super.keys());
  }

  override values(): MapIterator<V> {
    return this.counted(super.values());
  }

  override entries(): MapIterator<[K, V]> {
    return this.counted(super.entries());
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    super.forEach((value, key, map) => {
      this.visits++;
      callback.call(thisArg, value, key, map);
    });
  }

  private counted<T>(iterator: MapIterator<T>): MapIterator<T> {
    const next = iterator.next.bind(iterator);
    iterator.next = () => {
      const result = next();
      if (!result.done) this.visits++;
      return result;
    };
    return iterator;
  }
}

function folderEntry(path: string): WriteEntry {
  return fileEntry(path, 0, { type: 'directory', mode: 0o755 });
}

const fileCount = 2000;

/**
 * Returns a view over a lower layer with `/w` holding `fileCount` files, `/w/sub/x` and `/keep/a`,
 * after a chmod -R copied all of them up. `/w/sub` also has a record of unlisted copy-ups.
 */
function chmodView(): { view: RunView; metadata: CountingMap<string, Set<string>>; unlisted: CountingMap<string, Set<string>> } {
  const files = Array.from({ length: fileCount }, (_, index) => `/w/f${index}`);
  const entries = [folderEntry('/w'), folderEntry('/w/sub'), folderEntry('/keep'), ...[...files, '/w/sub/x', '/keep/a'].map((path) => fileEntry(path, 1))];
  const view = new RunView(stackOfLayers(entries));
  const metadata = new CountingMap<string, Set<string>>();
  const unlisted = new CountingMap<string, Set<string>>();
  Object.defineProperty(view, 'metadataOnly', { value: metadata });
  Object.defineProperty(view, 'unlistedCopyUps', { value: unlisted });
  for (const path of [...files, '/w/sub/x', '/keep/a']) {
    view.copyUp(path);
    view.noteMetadataChange(path, 'chmod', true);
  }
  view.copyUp('/w/sub');
  view.noteUnlistedCopyUp('/w/sub', 'chmod');
  return { view, metadata, unlisted };
}

describe('RunView copy-up records', () => {
  it('file removals visit no record', () => {
    const { view, metadata, unlisted } = chmodView();
    for (let index = 0; index < fileCount; index++) view.remove(`/w/f${index}`);
    assert.equal(metadata.visits, 0);
    assert.equal(unlisted.visits, 0);
    assert.deepEqual([...metadata.keys()].sort(), ['/keep/a', '/w/sub/x']);
  });

  it('folder removal drops its records only', () => {
    const { view, metadata, unlisted } = chmodView();
    view.remove('/w');
    assert.equal(metadata.visits, 0);
    assert.equal(unlisted.visits, 0);
    assert.deepEqual([...metadata.keys()], ['/keep/a']);
    assert.equal(unlisted.size, 0);
  });

  it('root removal drops every record', () => {
    const { view, metadata, unlisted } = chmodView();
    view.remove('/');
    assert.equal(metadata.size, 0);
    assert.equal(unlisted.size, 0);
  });
});
