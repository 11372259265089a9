/**
 * The tree node of each entry of a stacked layer. The facts a hover states about a layer (the
 * files later steps hide, the rewrites vfs storage drops, the assumed base folders it shadows)
 * read the node of every file. Looking up the 83,842 files of the bench's `COPY . /app` took 23
 * to 54 ms of CPU time on a loaded 2-core machine, so each layer's nodes are looked up once.
 */
import type { NodeId, PathTree } from './pathTree';
import type { LayerStack, StackedLayer } from './stack';

// A stacked layer's nodes never change: the tree removes no node, and a layer that truncation
// removes is replaced by a new object, not changed. So the nodes stay valid as long as the
// layer. Each is stored with its tree, which only that layer's stack uses.
const nodesOf = new WeakMap<StackedLayer, { tree: PathTree; nodes: ReadonlyArray<NodeId | undefined> }>();

/**
 * Keeps the nodes that pushing `stacked` onto the stack of `tree` placed its entries at, in the
 * order of its entries, so that `layerNodes` need not look them up again.
 */
export function keepLayerNodes(stacked: StackedLayer, tree: PathTree, nodes: ReadonlyArray<NodeId>): void {
  nodesOf.set(stacked, { tree, nodes });
}

/** Returns the node of each of `stacked`'s entries in the tree of `stack`, in the order of its entries. */
export function layerNodes(stack: LayerStack, stacked: StackedLayer): ReadonlyArray<NodeId | undefined> {
  const cached = nodesOf.get(stacked);
  if (cached?.tree === stack.tree) return cached.nodes;
  // A layer's paths are already normalised, so the tree is asked directly.
  const nodes = stacked.entries.map((classified) => stack.tree.node(classified.entry.path));
  nodesOf.set(stacked, { tree: stack.tree, nodes });
  return nodes;
}
