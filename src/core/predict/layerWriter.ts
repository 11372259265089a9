/**
 * Collects the entries one step writes. A later write of the same path replaces an earlier one
 * (several COPY sources into one folder), and every missing ancestor directory is created the
 * way builders create it: mode 0755, owned by root.
 */
import type { Certainty, EntryOrigin, Layer, WriteEntry } from '../model/layer';
import { leastCertain } from '../model/layer';
import { ancestorPaths } from '../model/paths';
import type { LayerStack } from '../model/stack';

export class LayerWriter {
  private readonly entries = new Map<string, WriteEntry>();
  private floor: Certainty = 'exact';

  constructor(private readonly below: LayerStack) {}

  write(entry: Omit<WriteEntry, 'op'>): void {
    this.entries.delete(entry.path);
    this.entries.set(entry.path, { op: 'write', ...entry });
  }

  /** Lowers the certainty of the whole layer (content that cannot be listed). */
  lowerCertainty(certainty: Certainty): void {
    this.floor = leastCertain(this.floor, certainty);
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  get(path: string): WriteEntry | undefined {
    return this.entries.get(path);
  }

  /** Returns the layer, with the missing ancestors of every entry created first. */
  finish(): Layer {
    const parents: WriteEntry[] = [];
    const seen = new Set<string>();
    for (const entry of this.entries.values()) {
      for (const ancestor of ancestorPaths(entry.path)) {
        if (seen.has(ancestor) || this.entries.has(ancestor)) continue;
        seen.add(ancestor);
        const lower = this.below.lookup(ancestor);
        if (lower) continue;
        parents.push(createdDirectory(ancestor, { kind: 'parent' }, 'exact'));
      }
    }
    const entries = [...parents, ...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { entries, certainty: leastCertain(this.floor, ...entries.map((entry) => entry.certainty)) };
  }
}

/** A directory that a builder creates itself: mode 0755, owned by root unless told otherwise. */
export function createdDirectory(path: string, origin: EntryOrigin, certainty: Certainty, uid: number | null = 0, gid: number | null = 0): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid, gid, certainty, origin };
}
