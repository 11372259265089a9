/**
 * Turns a RUN view's upper layer into layer entries, as a builder's layer tar would list them.
 * Hard links follow the tar convention: of the paths sharing a file in one layer, the first in
 * the builder's walk order stores the content and the others are hard links to it.
 */
import type { LayerEntry, WriteEntry } from '../../model/layer';
import { ancestorPaths, pathSegments } from '../../model/paths';
import type { FileState, Inode, RunView } from './view';

/** Lists the layer entries of a view's changes, in walk order. */
export function layerEntries(view: RunView): LayerEntry[] {
  const entries: LayerEntry[] = [];
  const upper = withoutParentCopyUps(view).sort((a, b) => compareWalkOrder(a.path, b.path));
  const links: HardLinks = { shared: sharedInodes(upper), first: new Map() };
  for (const { path, state } of upper) {
    if (state.kind === 'whiteout') {
      entries.push({ op: 'delete', path, certainty: state.certainty ?? 'exact' });
      continue;
    }
    entries.push(toWriteEntry(path, state.state, links));
  }
  // A folder where commands wrote files that cannot be listed stands for them, marked unknown.
  // So does a folder a glob emptied of files that cannot be listed, because its copy-up contains
  // their whiteouts. An assumed folder of the base image is listed below instead.
  const written = new Set(upper.map((item) => item.path));
  const emptied = [...view.emptied].filter((path) => !view.assumedDirectories.has(path));
  for (const path of [...view.unknownRootList(), ...emptied]) {
    if (written.has(path) || view.lookup(path).presence === 'no') continue;
    written.add(path);
    const lower = view.lookup(path).state;
    const owner = { uid: lower?.uid ?? 0, gid: lower?.gid ?? 0 };
    // The command made the folders above the one it wrote into (pip makes ~/.cache for
    // ~/.cache/pip), and a later step's lookups go through them.
    for (const ancestor of ancestorPaths(path)) {
      if (written.has(ancestor) || view.lookup(ancestor).presence === 'yes') continue;
      written.add(ancestor);
      entries.push({ op: 'write', path: ancestor, type: 'directory', size: 0, mode: 0o755, ...owner, certainty: 'estimated' });
    }
    const entry: WriteEntry = { op: 'write', path, type: 'directory', size: 0, mode: lower?.mode ?? 0o755, ...owner, certainty: 'unknown' };
    if (view.emptied.has(path)) entry.emptied = true;
    entries.push(entry);
  }
  for (const path of view.assumedDirectories) {
    entries.push({ op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'estimated', origin: { kind: 'assumed-base' } });
  }
  markUnlistedCopyUps(entries, view);
  return entries.sort((a, b) => compareWalkOrder(a.path, b.path));
}

/**
 * Lists the view's upper layer without the leftover copy-ups (`RunView.leftoverCopyUps`) that have
 * a listed path below them: a prediction leaves out the existing folders above written paths. A
 * leftover with nothing below it stays, because it is then the only trace of the change.
 */
function withoutParentCopyUps(view: RunView): ReturnType<RunView['upperEntries']> {
  const upper = view.upperEntries();
  if (view.leftoverCopyUps.size === 0) return upper;
  const listed = [...upper.map((item) => item.path), ...view.unknownRootList(), ...view.emptied, ...view.assumedDirectories];
  const parents = new Set(listed.flatMap((path) => ancestorPaths(path)));
  return upper.filter((item) => !(view.leftoverCopyUps.has(item.path) && parents.has(item.path)));
}

/** The inodes that more than one upper path names, and the path that stores each one's content. */
interface HardLinks {
  shared: ReadonlySet<Inode>;
  first: Map<Inode, string>;
}

/**
 * Collects the inodes that several upper paths share, in one pass over the final upper layer. It
 * is built here rather than kept up to date by the view, because commands such as `ln` give a
 * state its inode in place after the view stored it.
 */
function sharedInodes(upper: ReturnType<RunView['upperEntries']>): Set<Inode> {
  const seen = new Set<Inode>();
  const shared = new Set<Inode>();
  for (const { state } of upper) {
    const inode = state.kind === 'entry' ? state.state.inode : undefined;
    if (inode === undefined) continue;
    if (seen.has(inode)) shared.add(inode);
    else seen.add(inode);
  }
  return shared;
}

function toWriteEntry(path: string, state: FileState, links: HardLinks): WriteEntry {
  const entry: WriteEntry = {
    op: 'write', path, type: state.type, size: state.type === 'file' ? state.size : 0, mode: state.mode, uid: state.uid, gid: state.gid,
    certainty: state.certainty, origin: state.origin,
  };
  if (state.linkTarget !== undefined) entry.linkTarget = state.linkTarget;
  if (state.opaque) entry.opaque = true;
  if (state.exactOwnerAndMode && state.certainty !== 'exact') entry.exactOwnerAndMode = true;
  const inode = state.inode;
  if (state.type !== 'file' || !inode) return entry;
  const first = links.first.get(inode);
  if (first === undefined) {
    if (links.shared.has(inode)) links.first.set(inode, path);
    return entry;
  }
  return { ...entry, type: 'hardlink', size: 0, linkTarget: first };
}

/**
 * Orders paths as a depth-first walk that visits each folder's names in byte order, which is
 * how the builders' layer tars list them (`/a/b` comes before `/a.txt`).
 */
export function compareWalkOrder(a: string, b: string): number {
  const left = pathSegments(a);
  const right = pathSegments(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * Marks the folders whose unlisted lower files a command copied up, so that the stack counts
 * them as shadowed. Changing a folder's contents copies the folder up too, so it has an entry.
 */
function markUnlistedCopyUps(entries: LayerEntry[], view: RunView): void {
  const folders = new Set(view.unlistedCopyUpRoots());
  for (const entry of entries) {
    if (entry.op === 'write' && entry.type === 'directory' && folders.has(entry.path)) entry.copiedUp = true;
  }
}
