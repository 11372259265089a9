/**
 * The test for a write that leaves a lower file as it was. Overlay storage stores such a file again in
 * the layer (a copy-up), while vfs storage compares whole trees and leaves it out.
 */
import type { WriteEntry } from './layer';
import type { LayerStack } from './stack';

/**
 * Returns whether a write in layer `index` of `stack` leaves a lower file's metadata as it was
 * and its content comes from the same source. Modification times are not predicted, so a `touch`
 * also passes.
 */
export function isUnchangedRewrite(stack: LayerStack, index: number, entry: WriteEntry): boolean {
  if (entry.type !== 'file') return false;
  const lower = stack.lookup(entry.path, index - 1)?.entry;
  if (!lower || lower.op !== 'write' || lower.type !== 'file') return false;
  const fields = ['size', 'mode', 'uid', 'gid'] as const;
  if (fields.some((field) => entry[field] === null || entry[field] !== lower[field])) return false;
  if (entry.digest !== undefined && lower.digest !== undefined) return entry.digest === lower.digest;
  // A RUN that only changes metadata copies the lower version up with its origin, or as `parent`.
  if (entry.origin?.kind === 'parent') return true;
  return entry.origin !== undefined && JSON.stringify(entry.origin) === JSON.stringify(lower.origin);
}
