/**
 * The filesystem visible to a RUN script: the stack below, with the script's own changes on top, kept
 * the way overlay storage keeps a container's upper directory. A deleted lower path becomes a
 * whiteout, a directory deleted and made again becomes opaque, and changing a lower file's
 * metadata copies the whole file up. Its changes become the RUN's layer (`layerOutput.ts`).
 */
import { leastCertain, type Certainty, type EntryOrigin, type EntryType } from '../../model/layer';
import { ancestorPaths, baseName, joinImagePath, parentPath } from '../../model/paths';
import type { Version } from '../../model/pathTree';
import type { LayerStack } from '../../model/stack';
import type { FolderOwner } from '../baseImage';

/** A file's identity, shared by its hard links. */
export interface Inode {
  id: number;
}

export interface FileState {
  type: Exclude<EntryType, 'hardlink'>;
  size: number | null;
  mode: number | null;
  uid: number | null;
  gid: number | null;
  linkTarget?: string;
  certainty: Certainty;
  /** Set when the owner and mode are exact whatever the `certainty` (see `WriteEntry.exactOwnerAndMode`). */
  exactOwnerAndMode?: true;
  origin?: EntryOrigin;
  inode?: Inode;
  opaque?: boolean;
}

/** A whiteout is `exact` unless it stands for a path that only the unread base image may have. */
export type UpperState = { kind: 'entry'; state: FileState } | { kind: 'whiteout'; certainty?: Certainty };

/** Whether a path exists: known to, known not to, or not knowable from the prediction. */
export type Presence = 'yes' | 'no' | 'maybe';

export interface PathLookup {
  presence: Presence;
  state?: FileState;
  /** The path's version comes from a lower layer (a change to it is a copy-up). */
  fromBelow: boolean;
}

let nextInode = 1;

/** Linux stops resolving a path after 40 symlinks and fails with ELOOP. */
const maxLinkHops = 40;

const absent: PathLookup = { presence: 'no', fromBelow: false };

export function newInode(): Inode {
  return { id: nextInode++ };
}

export class RunView {
  private readonly upper = new Map<string, UpperState>();
  private readonly upperChildren = new Map<string, Set<string>>();
  /**
   * The names under each folder on the way to an upper path, its ancestors included even where
   * they are not in the upper layer, so that dropping a subtree visits only that subtree. A name
   * whose path `remove` deleted may stay listed, and the walk then finds nothing there.
   */
  private readonly upperTree = new Map<string, Set<string>>();
  /** Folders under which commands wrote files the prediction cannot list. */
  private readonly unknownRoots = new Set<string>();
  /** The path sets of the running `watchPaths` calls, innermost last. */
  private readonly lookupWatchers: Array<Set<string>> = [];
  /** Folders taken to exist in the base image because a command used them successfully. */
  readonly assumedDirectories = new Set<string>();
  private readonly belowTop: number;
  /**
   * Lower files copied up only to change metadata (mode, owner, time), each with the commands
   * that changed it (chmod, chown, chgrp, touch): the waste hints name those commands. A file
   * that a later command of the RUN deletes or replaces is taken out.
   */
  readonly metadataOnly = new Map<string, Set<string>>();
  /** Folders whose contents a glob deletion emptied although not all of them are listed. */
  readonly emptied = new Set<string>();
  /**
   * Folders whose unlisted files a command copied up by changing their metadata (`chown -R`), each
   * with the commands that did it.
   */
  readonly unlistedCopyUps = new Map<string, Set<string>>();
  /** Lower paths that `mv` moved away, each with the path it moved them to: the waste hints word their whiteouts as moves. */
  readonly moves = new Map<string, string>();
  /** Lower paths that `cp` copied, each with the path of its last copy: the waste hints word a deletion of the source as a move. */
  readonly copies = new Map<string, string>();
  /** The inode of each lower file, by layer and the path its layer stores the content under. */
  private readonly lowerInodes = new Map<string, Inode>();
  /**
   * Lower folders copied up only because this RUN made a path in them and then deleted it. Such a
   * folder is an existing folder above a written path unless nothing below it is left in the
   * layer (`layerEntries` decides). A later change to the folder itself takes it out.
   */
  readonly leftoverCopyUps = new Set<string>();

  /** The state of `/`, which no layer lists. */
  private readonly root: FileState;

  /**
   * `mounts` are files the builder bind-mounts into the RUN container: they exist, and what a
   * command writes to them or deletes never reaches the layer. `rootFolder` is the owner and mode
   * of `/` when they are certain (a read base image). Without it, `/` is estimated as 0:0 0755.
   */
  constructor(readonly below: LayerStack, private readonly mounts: ReadonlyMap<string, FileState> = new Map(), rootFolder?: FolderOwner) {
    this.belowTop = below.top;
    this.root = rootFolder ? { type: 'directory', size: 0, ...rootFolder, certainty: 'exact' } : rootState;
  }

  /** Looks up a path as `lstat` does: symlinks among its ancestors are followed, a final one is not. */
  lookup(path: string): PathLookup {
    return this.walk(path).found;
  }

  /** Returns the path with the symlinks among its ancestors followed, where a write to it lands. */
  resolveParents(path: string): string {
    return this.walk(path).path;
  }

  /** Returns the path with every symlink followed, the last one too, as `stat` and `cd` do. */
  resolve(path: string): string {
    let current = this.resolveParents(path);
    for (let hops = 0; hops < maxLinkHops; hops++) {
      const state = this.walk(current).found.state;
      if (state?.type !== 'symlink' || state.linkTarget === undefined) return current;
      current = this.resolveParents(joinImagePath(parentPath(current), state.linkTarget));
    }
    return current;
  }

  /** Returns whether the builder mounts a file at `path` for the RUN. */
  isMounted(path: string): boolean {
    return this.mounts.has(this.resolveParents(path));
  }

  /**
   * Walks a path from the top, restarting at a symlink's target each time an ancestor is a
   * symlink, so that the lookup and the returned path are the ones the kernel would use.
   */
  private walk(path: string): { path: string; found: PathLookup } {
    const walked = this.walkLinks(path);
    for (const watcher of this.lookupWatchers) watcher.add(walked.path);
    return walked;
  }

  /**
   * Runs `body` and returns the paths that it looked up, wrote or removed, each with the symlinks
   * among its ancestors followed. Calls may nest, and each gets the paths of its own `body`.
   */
  watchPaths(body: () => void): Set<string> {
    const paths = new Set<string>();
    this.lookupWatchers.push(paths);
    try {
      body();
    } finally {
      this.lookupWatchers.pop();
    }
    return paths;
  }

  private walkLinks(path: string): { path: string; found: PathLookup } {
    let current = path;
    let hops = 0;
    restart: for (;;) {
      let hidden = false;
      for (const ancestor of ancestorPaths(current)) {
        const state = this.stateOf(ancestor, hidden);
        if (state.presence !== 'yes') return { path: current, found: { presence: state.presence, fromBelow: false } };
        const link = state.state?.type === 'symlink' ? state.state.linkTarget : undefined;
        if (link !== undefined) {
          if (++hops > maxLinkHops) return { path: current, found: absent };
          current = joinImagePath(joinImagePath(parentPath(ancestor), link), current.slice(ancestor.length + 1));
          continue restart;
        }
        if (state.state?.type !== 'directory') return { path: current, found: absent };
        if (this.upper.get(ancestor)?.kind === 'entry' && state.state.opaque) hidden = true;
      }
      if (current === '/') return { path: current, found: { presence: 'yes', state: this.rootBelow(), fromBelow: true } };
      const mounted = this.mounts.get(current);
      if (mounted) return { path: current, found: { presence: 'yes', state: { ...mounted }, fromBelow: false } };
      return { path: current, found: this.stateOf(current, hidden) };
    }
  }

  /**
   * Returns the state of `/` below this RUN. After a step that changed it (`RUN chmod 777 /`),
   * 0:0 0755 is only an estimate. Docker Engine 20.10's classic builder on vfs storage recorded
   * that RUN as an empty layer, and the next RUN saw `/` at 0755 again, but other builders were
   * not checked.
   */
  private rootBelow(): FileState {
    return this.below.lookup('/', this.belowTop) ? rootState : this.root;
  }

  /** Looks up one path, its ancestors already known to be directories. */
  private stateOf(path: string, hidden: boolean): PathLookup {
    const upper = this.upper.get(path);
    if (upper?.kind === 'whiteout') return { presence: 'no', fromBelow: false };
    if (upper) return { presence: 'yes', state: upper.state, fromBelow: false };
    if (!hidden) {
      const version = this.below.lookup(path, this.belowTop);
      if (version) return { presence: 'yes', state: this.lowerState(path, version), fromBelow: true };
    }
    if (this.assumedDirectories.has(path)) return { presence: 'yes', state: assumedState(), fromBelow: true };
    return { presence: !hidden && this.mayHoldUnlisted(parentPath(path)) ? 'maybe' : 'no', fromBelow: false };
  }

  /**
   * Turns a lower version into a state. The names of one file in a layer share one inode, and a
   * hard link gets its file's size, because a layer tar stores the content under the first name only.
   */
  private lowerState(path: string, version: Version): FileState {
    const state = fromEntry(version.entry);
    if (state.type !== 'file') return state;
    const contentPath = version.entry.type === 'hardlink' ? version.entry.linkTarget ?? path : path;
    if (contentPath !== path) state.size = this.below.lookup(contentPath, version.layer)?.entry.size ?? null;
    const key = `${version.layer}:${contentPath}`;
    let inode = this.lowerInodes.get(key);
    if (!inode) this.lowerInodes.set(key, (inode = newInode()));
    state.inode = inode;
    return state;
  }

  /** Returns whether a directory may contain entries the prediction does not list. */
  mayHoldUnlisted(directory: string): boolean {
    for (const root of this.unknownRoots) if (isWithin(directory, root) || isWithin(root, directory)) return true;
    if (this.assumedDirectories.has(directory)) return true;
    return !this.madeInRun(directory) && !this.isFullyKnownBelow(directory);
  }

  /**
   * Lists the layers below this RUN whose unlisted files may be in `directory`, as
   * `mayHoldUnlisted` counts them: none when this RUN made the folder anew. Layer 0 is the base image.
   */
  unknownLayersBelow(directory: string): number[] {
    return this.madeInRun(directory) ? [] : this.below.unknownLayersIn(directory, this.belowTop);
  }

  /** Returns whether this RUN made `directory` or an opaque folder over it, which hides what lower layers hold there. */
  private madeInRun(directory: string): boolean {
    const upper = this.upper.get(directory);
    if (upper?.kind === 'entry' && (upper.state.opaque || !this.below.lookup(directory, this.belowTop))) return true;
    for (const path of [...ancestorPaths(directory), directory]) {
      const entry = this.upper.get(path);
      if (entry?.kind === 'entry' && entry.state.opaque) return true;
    }
    return false;
  }

  /**
   * Returns whether the lower version of `directory` is a folder that may hold paths no layer
   * lists, by the rule `LayerStack` uses to count what a layer hides there.
   */
  lowerMayHoldUnlisted(directory: string): boolean {
    return this.below.lookup(directory, this.belowTop)?.entry.type === 'directory' && !this.isFullyKnownBelow(directory);
  }

  /** Lists the folders of `unlistedCopyUps` that no other one contains, since each stands for all the files in it. */
  unlistedCopyUpRoots(): string[] {
    const folders = [...this.unlistedCopyUps.keys()];
    return folders.filter((folder) => !folders.some((other) => other !== folder && isWithin(folder, other))).sort();
  }

  /** Returns whether a lower directory's contents are all listed (see `LayerStack.mayHoldUnlisted`). */
  private isFullyKnownBelow(directory: string): boolean {
    return !this.below.mayHoldUnlisted(directory, this.belowTop);
  }

  /** Lists the known children of a directory, in name order. */
  children(linked: string): Array<{ name: string; path: string; state: FileState }> {
    const directory = this.resolve(linked);
    const names = new Set<string>(this.upperChildren.get(directory) ?? []);
    const upper = this.upper.get(directory);
    const lowerHidden = upper?.kind === 'entry' && upper.state.opaque === true;
    if (!lowerHidden && !this.hiddenByAncestor(directory)) for (const child of this.below.children(directory, this.belowTop)) names.add(child.name);
    const listed: Array<{ name: string; path: string; state: FileState }> = [];
    for (const name of [...names].sort()) {
      const path = directory === '/' ? '/' + name : directory + '/' + name;
      const found = this.lookup(path);
      if (found.presence === 'yes' && found.state) listed.push({ name, path, state: found.state });
    }
    return listed;
  }

  private hiddenByAncestor(path: string): boolean {
    for (const ancestor of ancestorPaths(path)) {
      const upper = this.upper.get(ancestor);
      if (upper?.kind === 'whiteout' || (upper?.kind === 'entry' && upper.state.opaque)) return true;
    }
    return false;
  }

  /** Writes a path. A directory made where this RUN deleted a lower path hides the lower contents. */
  write(linked: string, state: FileState): void {
    const path = this.resolveParents(linked);
    if (this.mounts.has(path)) return;
    const previous = this.upper.get(path);
    // Another file written over the copy-up (cp, mv or ln onto the path) replaces it, so the
    // layer no longer stores the lower file again with new metadata.
    if (previous?.kind !== 'entry' || previous.state.type !== state.type || previous.state.inode !== state.inode) this.metadataOnly.delete(path);
    const opaque = state.type === 'directory' && (previous?.kind === 'whiteout' || (previous?.kind === 'entry' && previous.state.opaque === true));
    if (previous?.kind === 'entry' && previous.state.type === 'directory' && state.type !== 'directory') this.dropUpperSubtree(path);
    this.upper.set(path, { kind: 'entry', state: opaque ? { ...state, opaque: true } : state });
    this.leftoverCopyUps.delete(path);
    this.link(path);
  }

  /** Returns the path's state in the upper layer, copying a lower version up first. */
  copyUp(linked: string): FileState | undefined {
    const { path, found } = this.walk(linked);
    if (found.presence !== 'yes' || !found.state) return undefined;
    this.leftoverCopyUps.delete(path);
    if (!found.fromBelow) return found.state;
    const copy: FileState = { ...found.state, opaque: undefined, origin: found.state.origin ?? { kind: 'parent' } };
    if (copy.type === 'file') copy.inode = newInode();
    this.upper.set(path, { kind: 'entry', state: copy });
    this.link(path);
    return copy;
  }

  /**
   * Records that `command` changed only the metadata of `path`. A lower file (`fromBelow`) starts
   * the record, and a later command of this RUN joins a record that exists.
   */
  noteMetadataChange(path: string, command: string, fromBelow: boolean): void {
    const commands = this.metadataOnly.get(path) ?? (fromBelow ? new Set<string>() : undefined);
    if (!commands) return;
    commands.add(command);
    this.metadataOnly.set(path, commands);
  }

  /** Records that `command` changed the metadata of the unlisted files in `folder`, which copies them up. */
  noteUnlistedCopyUp(folder: string, command: string): void {
    const commands = this.unlistedCopyUps.get(folder) ?? new Set<string>();
    commands.add(command);
    this.unlistedCopyUps.set(folder, commands);
  }

  /** Removes a path and everything under it. A lower version is hidden by a whiteout. */
  remove(linked: string): void {
    const path = this.resolveParents(linked);
    if (this.mounts.has(path)) return;
    const lowerVisible = !this.hiddenByAncestor(path) && this.below.lookup(path, this.belowTop) !== undefined;
    const wasOpaqueOrCovering = this.upper.get(path)?.kind === 'whiteout';
    this.dropUpperSubtree(path);
    this.leftoverCopyUps.delete(path);
    this.forgetCopyUps(path);
    if (lowerVisible || wasOpaqueOrCovering || this.assumedDirectories.has(path)) {
      this.upper.set(path, { kind: 'whiteout' });
      this.link(path);
    } else {
      this.upper.delete(path);
      this.upperChildren.get(parentPath(path))?.delete(baseName(path));
      this.keepLeftoverCopyUp(parentPath(path));
    }
    this.assumedDirectories.delete(path);
  }

  /**
   * Drops the copy-up records of a removed path, because the layer stores a whiteout there
   * instead. `dropUpperSubtree` has dropped the records under it already.
   */
  private forgetCopyUps(path: string): void {
    this.metadataOnly.delete(path);
    this.unlistedCopyUps.delete(path);
  }

  /**
   * Overlay storage copied the lower folder up when a path was made in it, and the copy stays
   * after the path is gone, so the folder is still in the layer (`touch /tmp/x && rm /tmp/x`
   * writes /tmp). The root folder is never listed.
   */
  private keepLeftoverCopyUp(folder: string): void {
    if (folder === '/' || this.upper.has(folder)) return;
    this.copyUp(folder);
    if (this.upper.has(folder)) this.leftoverCopyUps.add(folder);
  }

  /** Records that a command wrote unlisted files under `root`. */
  addUnknownRoot(root: string): void {
    this.unknownRoots.add(this.resolveParents(root));
  }

  /**
   * Deletes a path that the prediction cannot see but the base image may have: the whiteout is
   * marked `unknown`, because whether the builder writes it depends on the base image.
   */
  removeUnlisted(linked: string): void {
    const path = this.resolveParents(linked);
    if (this.mounts.has(path) || this.lookup(path).presence !== 'maybe') return;
    this.upper.set(path, { kind: 'whiteout', certainty: 'unknown' });
    this.link(path);
  }

  /** Forgets unlisted files under `root` (a command deleted them). */
  clearUnknownRoot(root: string): void {
    for (const known of [...this.unknownRoots]) if (isWithin(known, root)) this.unknownRoots.delete(known);
  }

  /** Returns the folder at or above `path` where a command of this RUN wrote unlisted files, if any. */
  unknownRootOver(path: string): string | undefined {
    for (const root of this.unknownRoots) if (isWithin(path, root)) return root;
    return undefined;
  }

  unknownRootList(): string[] {
    return [...this.unknownRoots].sort();
  }

  /**
   * Lowers the certainty of `path` to estimated where its upper state is still `written`, the
   * state a background job left. A later write or removal keeps its own certainty. Returns whether
   * `path` still had that state.
   */
  estimateWrite(path: string, written: UpperState): boolean {
    if (this.upper.get(path) !== written) return false;
    if (written.kind === 'entry') this.upper.set(path, { kind: 'entry', state: { ...written.state, certainty: leastCertain(written.state.certainty, 'estimated') } });
    else this.upper.set(path, { kind: 'whiteout', certainty: leastCertain(written.certainty ?? 'exact', 'estimated') });
    return true;
  }

  /** Lists the upper layer: every written path and whiteout. */
  upperEntries(): Array<{ path: string; state: UpperState }> {
    return [...this.upper].map(([path, state]) => ({ path, state }));
  }

  /**
   * Drops the upper paths under `path`, the path itself excepted unless it is the root, and their
   * copy-up records. The walk visits this subtree alone, and nothing for a file, so removing N
   * files costs O(N) and not a scan of every record per file.
   */
  private dropUpperSubtree(path: string): void {
    if (path === '/') {
      this.upper.clear();
      this.upperChildren.clear();
      this.upperTree.clear();
      this.metadataOnly.clear();
      this.unlistedCopyUps.clear();
      return;
    }
    this.upperChildren.delete(path);
    const pending = [path];
    for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
      const names = this.upperTree.get(folder);
      if (!names) continue;
      this.upperTree.delete(folder);
      for (const name of names) {
        const child = folder + '/' + name;
        this.upper.delete(child);
        this.upperChildren.delete(child);
        this.metadataOnly.delete(child);
        this.unlistedCopyUps.delete(child);
        pending.push(child);
      }
    }
  }

  /** Lists an upper path under its parent, and the path's ancestors in `upperTree`. */
  private link(path: string): void {
    if (path === '/') return;
    addName(this.upperChildren, parentPath(path), baseName(path));
    // A listed name has its ancestors listed already, because a subtree drop removes the
    // listings below a folder together.
    for (let child = path; child !== '/'; child = parentPath(child)) {
      if (!addName(this.upperTree, parentPath(child), baseName(child))) break;
    }
  }
}

/** Adds `name` to the set of `folder`, and returns whether it was new. */
function addName(names: Map<string, Set<string>>, folder: string, name: string): boolean {
  let set = names.get(folder);
  if (!set) names.set(folder, (set = new Set()));
  if (set.has(name)) return false;
  set.add(name);
  return true;
}

const rootState: FileState = { type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'estimated' };

function assumedState(): FileState {
  return { type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'estimated', origin: { kind: 'assumed-base' } };
}

function fromEntry(entry: import('../../model/layer').WriteEntry): FileState {
  return {
    type: entry.type === 'hardlink' ? 'file' : entry.type,
    size: entry.size,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    linkTarget: entry.type === 'symlink' ? entry.linkTarget : undefined,
    certainty: entry.certainty,
    exactOwnerAndMode: entry.exactOwnerAndMode,
    origin: entry.origin,
    opaque: entry.opaque,
  };
}

/** Returns whether `path` is `root` or lies under it. */
export function isWithin(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(root + '/');
}
