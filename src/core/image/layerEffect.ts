/**
 * The change a layer makes to the merged filesystem below it, whatever entries record it.
 * Storage drivers write the same change differently: for `rm -rf d && mkdir d && echo x >
 * d/a`, overlay storage writes an opaque `d` and `d/a`, while vfs storage compares two trees and
 * writes `d/a` again with a whiteout for each other child of `d`. Both give the same merged
 * filesystem, and so the same effect.
 */
import type { ChangeKind } from '../model/layer';
import { hidesLowerChildren } from '../model/layer';
import type { LayerStack, StackedLayer } from '../model/stack';

/** A layer as a stack classified it, with that stack, which shows the filesystem below and above the layer. */
export interface StackedView {
  stack: LayerStack;
  layer: StackedLayer;
}

/**
 * The change a layer makes to one path: its entry's classification, `restated` for a directory
 * written over a directory (listed below, or implied by lower paths under it, which the stack
 * marks `overImpliedFolder`), or `deleted` for a path visible below the layer and gone above it.
 * Builders re-state the parents of every changed path, so a re-stated directory is no sign of
 * what the step changed.
 */
export type PathEffect = ChangeKind | 'restated';

/**
 * Returns the layer's effect, path by path: every path it writes, and every path it removes from
 * the merged filesystem below it, each removed descendant of a removed directory included.
 */
export function layerEffect({ stack, layer }: StackedView): Map<string, PathEffect> {
  const below = layer.index - 1;
  const effect = new Map<string, PathEffect>();
  for (const { entry, change, overImpliedFolder } of layer.entries) {
    if (entry.op !== 'write') continue;
    const overDirectory = change === 'modified' && (overImpliedFolder === true || stack.isDirectory(entry.path, below));
    effect.set(entry.path, entry.type === 'directory' && overDirectory ? 'restated' : change);
  }
  const removal: Removal = { removed: new Set(), visited: new Set() };
  for (const { entry, change } of layer.entries) {
    // Only a whiteout, or a write that replaces a lower path and hides what was below it, removes anything.
    if (entry.op === 'write' && (change === 'added' || !hidesLowerChildren(entry))) continue;
    const lower = stack.lookup(entry.path, below);
    if (entry.op === 'delete') {
      // A whiteout of a path the stack below does not show stays a deletion: a prediction writes
      // one where a command deletes what a layer of unknown content may hold.
      if (lower !== undefined) collectRemoved(stack, layer.index, [{ path: entry.path, isDirectory: lower.entry.type === 'directory' }], removal);
      else if (stack.lookup(entry.path, layer.index) === undefined) removal.removed.add(entry.path);
    } else if (lower?.entry.type === 'directory') {
      collectRemoved(stack, layer.index, lowerChildren(stack, below, entry.path), removal);
    }
  }
  for (const path of removal.removed) effect.set(path, 'deleted');
  return effect;
}

/**
 * Returns the paths below which the layer removes every lower path: its whiteouts, its opaque
 * directories and the non-directories it writes. The layer removes all lower descendants of such
 * a path, including those the stack below does not list, as when a prediction deletes a folder
 * whose contents a RUN it does not model made.
 */
export function subtreeRemovals({ layer }: StackedView): Set<string> {
  const roots = new Set<string>();
  for (const { entry } of layer.entries) {
    if (entry.op === 'delete' || hidesLowerChildren(entry)) roots.add(entry.path);
  }
  return roots;
}

/** Returns whether a proper ancestor of `path` is one of `roots`. */
export function hasAncestorIn(path: string, roots: ReadonlySet<string>): boolean {
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
    if (roots.has(path.slice(0, slash))) return true;
  }
  return false;
}

/** The paths found removed, and the paths looked at so far, because overlapping whiteouts and opaque directories reach some twice. */
interface Removal {
  removed: Set<string>;
  visited: Set<string>;
}

interface LowerPath {
  path: string;
  isDirectory: boolean;
}

/**
 * Adds to `removal.removed` those of `paths`, visible below layer `index`, that are gone above
 * it, and descends into their lower children. A directory that stays (an opaque one, or one
 * whited out and made again) may still lose the lower children that the layer does not write
 * again.
 */
function collectRemoved(stack: LayerStack, index: number, paths: readonly LowerPath[], removal: Removal): void {
  for (const { path, isDirectory } of paths) {
    if (removal.visited.has(path)) continue;
    removal.visited.add(path);
    if (stack.lookup(path, index) === undefined) removal.removed.add(path);
    if (isDirectory) collectRemoved(stack, index, lowerChildren(stack, index - 1, path), removal);
  }
}

/** Lists the children of directory `parent` that the merged filesystem shows as of layer `asOf`. */
function lowerChildren(stack: LayerStack, asOf: number, parent: string): LowerPath[] {
  return stack.children(parent, asOf).map(({ name, version }) => ({ path: childPath(parent, name), isDirectory: version.entry.type === 'directory' }));
}

function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}
