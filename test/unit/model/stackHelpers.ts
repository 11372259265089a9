/** Layer entries and stacks written by hand, for tests of what a stack's layers hide and rewrite. */
import type { LayerEntry, WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';

/** Returns a file of `size` bytes, mode 0644, owned by root, with the fields of `overrides` on top. */
export function fileEntry(path: string, size: number, overrides: Partial<WriteEntry> = {}): WriteEntry {
  return { op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact', ...overrides };
}

export function whiteoutEntry(path: string): LayerEntry {
  return { op: 'delete', path, certainty: 'exact' };
}

/** Pushes each list of entries as an exact layer. */
export function stackOfLayers(...layers: LayerEntry[][]): LayerStack {
  const stack = new LayerStack();
  for (const entries of layers) stack.push({ entries, certainty: 'exact' });
  return stack;
}
