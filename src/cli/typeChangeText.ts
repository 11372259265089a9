/**
 * Counts a layer's writes that change the type of their path, such as a folder that a file
 * replaced, in the words the Image Layers view uses for one such write: `folder → file`.
 */
import type { LayerStack, StackedLayer } from '../core/model/stack';
import { changesKind, shadowedEntry, typeWords } from '../core/report/typeChange';

/** Returns the type changes of `layer`'s modified entries, each kind with its count (`1 folder → file`), or `undefined` when there are none. */
export function describeTypeChanges(stack: LayerStack, layer: StackedLayer): string | undefined {
  const counts = new Map<string, number>();
  for (const classified of layer.entries) {
    // The stack marks a changed type as it classifies the entry, so only those paths are looked up.
    if (classified.change !== 'modified' || !classified.changedAttributes?.includes('type') || classified.entry.op !== 'write') continue;
    const lower = shadowedEntry(stack, classified);
    if (!lower || !changesKind(lower.type, classified.entry.type)) continue;
    const change = `${typeWords[lower.type]} → ${typeWords[classified.entry.type]}`;
    counts.set(change, (counts.get(change) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  return [...counts].map(([change, count]) => `${count.toLocaleString('en')} ${change}`).join(', ');
}
