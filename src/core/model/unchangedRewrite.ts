/**
 * The test for a write that leaves a lower file as it was. Overlay storage stores such a file again in
 * the layer (a copy-up), while vfs storage compares whole trees and leaves it out.
 */
import type { EntryOrigin, WriteEntry } from './layer';
import type { NodeId, PathTree } from './pathTree';
import type { LayerStack, StackedLayer } from './stack';
import { layerNodes } from './layerNodes';

/**
 * Returns whether a write in layer `index` of `stack` leaves a lower file's metadata as it was
 * and its content comes from the same source. Modification times are not predicted, so a `touch`
 * also passes.
 */
export function isUnchangedRewrite(stack: LayerStack, index: number, entry: WriteEntry): boolean {
  if (entry.type !== 'file') return false;
  // A layer's paths are already normalised, so the tree is asked directly.
  const node = stack.tree.node(entry.path);
  const lower = node === undefined ? undefined : stack.tree.visibleVersion(node, index - 1)?.entry;
  return lower !== undefined && leavesAsItWas(entry, lower);
}

// The files found for each layer, kept while the layer lives: its entries and the lower
// versions they were classified against never change (see `layerNodes`).
const rewritesOf = new WeakMap<StackedLayer, { tree: LayerStack['tree']; found: readonly WriteEntry[] }>();

/**
 * Returns the files of a stacked layer that pass `isUnchangedRewrite`, in the layer's order. The
 * storage note of a hover tests every modified file of its layer, 83,842 for the bench's
 * `COPY . /app` (`npm run bench`), so each lower version is the one the layer's classification
 * recorded (`lowerLayer`), read from the layer's shared nodes without the walk up its ancestors,
 * and the files found are kept with the layer.
 */
export function unchangedRewritesOf(stack: LayerStack, stacked: StackedLayer): readonly WriteEntry[] {
  const cached = rewritesOf.get(stacked);
  if (cached?.tree === stack.tree) return cached.found;
  const found = findUnchangedRewrites(stack, stacked);
  rewritesOf.set(stacked, { tree: stack.tree, found });
  return found;
}

function findUnchangedRewrites(stack: LayerStack, stacked: StackedLayer): WriteEntry[] {
  const found: WriteEntry[] = [];
  const nodes = layerNodes(stack, stacked);
  for (let position = 0; position < stacked.entries.length; position++) {
    const classified = stacked.entries[position];
    const { entry, lowerLayer } = classified;
    if (classified.change !== 'modified' || entry.op !== 'write' || entry.type !== 'file' || lowerLayer === undefined) continue;
    const node = nodes[position];
    const lower = node === undefined ? undefined : versionInLayer(stack.tree, node, lowerLayer);
    if (lower && leavesAsItWas(entry, lower)) found.push(entry);
  }
  return found;
}

/**
 * Returns the entry a node's version of `layer` holds, the last one when the layer lists the path
 * twice, as `visibleVersion` returns it.
 */
function versionInLayer(tree: PathTree, node: NodeId, layer: number): WriteEntry | undefined {
  for (let index = tree.versionCount(node) - 1; index >= 0; index--) {
    const version = tree.versionAt(node, index);
    if (version.layer === layer) return version.entry;
    if (version.layer < layer) return undefined;
  }
  return undefined;
}

/**
 * Returns whether `entry` has the known size, mode and owner of `lower`, and its content where
 * both have a digest.
 */
export function sameFileAttributes(entry: WriteEntry, lower: WriteEntry): boolean {
  if (entry.size === null || entry.size !== lower.size || entry.mode === null || entry.mode !== lower.mode) return false;
  if (entry.uid === null || entry.uid !== lower.uid || entry.gid === null || entry.gid !== lower.gid) return false;
  return entry.digest === undefined || lower.digest === undefined || entry.digest === lower.digest;
}

/** Returns whether the file `entry` writes over the file `lower` leaves it as it was. */
function leavesAsItWas(entry: WriteEntry, lower: WriteEntry): boolean {
  if (lower.op !== 'write' || lower.type !== 'file' || !sameFileAttributes(entry, lower)) return false;
  if (entry.digest !== undefined && lower.digest !== undefined) return true;
  // A RUN that only changes metadata copies the lower version up with its origin, or as `parent`.
  if (entry.origin?.kind === 'parent') return true;
  return entry.origin !== undefined && lower.origin !== undefined && sameOrigin(entry.origin, lower.origin);
}

/** Returns whether two origins name the same source: the same kind, with every field equal. */
function sameOrigin(a: EntryOrigin, b: EntryOrigin): boolean {
  if (a.kind !== b.kind) return false;
  const fields = a as unknown as Record<string, unknown>;
  const other = b as unknown as Record<string, unknown>;
  const keys = Object.keys(fields);
  return keys.length === Object.keys(other).length && keys.every((key) => fields[key] === other[key]);
}
