/**
 * The files of one layer that later layers hide, summed so that a step's hover can state which of
 * its bytes are wasted. A stack that keeps nodes summed them as it pushed the later layers
 * (`sumHiddenShares`). Otherwise only the layer's own files are looked up in the tree, because a
 * traversal of every path (`wasteReport`) took about 40 to 90 ms on a 100,000-file context.
 */
import type { WasteRecord } from '../model/merged';
import { hiddenSharesOf, type HiddenShare } from '../model/hiddenShares';
import type { Hider, NodeId, Version } from '../model/pathTree';
import type { LayerStack, StackedLayer } from '../model/stack';
import { layerNodes } from '../model/layerNodes';

/** The files of one layer that later layers shadow or delete, as of the stack's top. */
export interface HiddenWrites {
  /**
   * Hidden files of known size above 0, the versions the waste counts. NOTE: hidden files of
   * unknown size are left out, as the waste total leaves them out of its bytes.
   */
  files: number;
  bytes: number;
  /** The layers that hid them, each with how: by shadowing, by deleting, or both. */
  hiders: Map<number, Set<WasteRecord['kind']>>;
}

/**
 * Sums the files of layer `index` that the stack's top no longer shows, by the layers that hid
 * them, as `wasteReport` counts them: the versions of known size above 0 that a later write
 * shadows or a later deletion removes. Returns `undefined` when no later layer hides any.
 */
export function hiddenWritesOf(stack: LayerStack, index: number): HiddenWrites | undefined {
  const layer = stack.layers[index];
  if (!layer) return undefined;
  const shares = hiddenSharesOf(stack, index);
  return shares ? sumShares(shares) : sumHiddenFiles(stack, layer);
}

/** Sums the shares that the stack summed as it pushed each later layer (see `sumHiddenShares`). */
function sumShares(shares: Map<StackedLayer, HiddenShare>): HiddenWrites | undefined {
  let hidden: HiddenWrites | undefined;
  for (const [hider, share] of shares) {
    hidden ??= { files: 0, bytes: 0, hiders: new Map() };
    hidden.files += share.files;
    hidden.bytes += share.bytes;
    const kinds = new Set<WasteRecord['kind']>();
    if (share.shadowed) kinds.add('shadowed');
    if (share.deleted) kinds.add('deleted');
    hidden.hiders.set(hider.index, kinds);
  }
  return hidden;
}

/** Sums the hidden files of `layer` by walking each of its files. */
function sumHiddenFiles(stack: LayerStack, layer: StackedLayer): HiddenWrites | undefined {
  const top = stack.top;
  let hidden: HiddenWrites | undefined;
  // The layer at which an ancestor of the last file's folder hides that folder, reused for the
  // next file of the folder, because a layer lists its paths folder by folder.
  let folder: NodeId | undefined;
  let folderLayer = -1;
  let folderDeletion = Infinity;
  const nodes = layerNodes(stack, layer);
  for (let position = 0; position < layer.entries.length; position++) {
    const classified = layer.entries[position];
    const entry = classified.entry;
    if (entry.op !== 'write' || entry.size === null || entry.size === 0) continue;
    const node = nodes[position];
    if (node === undefined) continue;
    // A write's classified entry is the version the stack records in its node.
    const version = classified as Version;
    const parent = stack.tree.parent(node);
    if (parent !== folder || version.layer !== folderLayer) {
      folder = parent;
      folderLayer = version.layer;
      folderDeletion = stack.tree.ancestorDeletion(node, version.layer, top);
    }
    // A version that no later change hides is the one the top shows, so no hider means visible.
    const hider = stack.tree.hiderOf(node, version, top, folderDeletion);
    if (!hider) continue;
    hidden = addHidden(hidden, entry.size, hider);
  }
  return hidden;
}

function addHidden(hidden: HiddenWrites | undefined, size: number, hider: Hider): HiddenWrites {
  const sum = hidden ?? { files: 0, bytes: 0, hiders: new Map() };
  sum.files++;
  sum.bytes += size;
  const kinds = sum.hiders.get(hider.layer);
  if (!kinds) sum.hiders.set(hider.layer, new Set([hider.kind]));
  else kinds.add(hider.kind);
  return sum;
}
