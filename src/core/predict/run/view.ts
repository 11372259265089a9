/**
 * The filesystem visible to a RUN script: the stack below, with the script's own changes on top, kept
 * the way overlay storage keeps a container's upper directory. A deleted lower path becomes a
 * whiteout, a directory deleted and made again becomes opaque, and changing a lower file's
 * metadata copies the whole file up. Its changes become the RUN's layer (`layerOutput.ts`).
 */
import type { Certainty, EntryOrigin, EntryType } from '../../model/layer';
import { ancestorPaths, baseName, parentPath } from '../../model/paths';
import type { LayerStack } from '../../model/stack';

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
  origin?: EntryOrigin;
  inode?: Inode;
  opaque?: boolean;
}

type UpperState = { kind: 'entry'; state: FileState } | { kind: 'whiteout' };

/** Whether a path exists: known to, known not to, or not knowable from the prediction. */
export type Presence = 'yes' | 'no' | 'maybe';

export interface PathLookup {
  presence: Presence;
  state?: FileState;
  /** The path's version comes from a lower layer (a change to it is a copy-up). */
  fromBelow: boolean;
}

let nextInode = 1;

export function newInode(): Inode {
  return { id: nextInode++ };
}

export class RunView {
  private readonly upper = new Map<string, UpperState>();
  private readonly upperChildren = new Map<string, Set<string>>();
  /** Folders under which commands wrote files the prediction cannot list. */
  private readonly unknownRoots = new Set<string>();
  /** Folders taken to exist in the base image because a command used them successfully. */
  readonly assumedDirectories = new Set<string>();
  private readonly belowTop: number;
  /** Lower files copied up only to change metadata (mode, owner, time): the waste hints read it. */
  readonly metadataOnly = new Set<string>();
  /** Folders whose contents a glob deletion emptied although not all of them are listed. */
  readonly emptied = new Set<string>();

  constructor(readonly below: LayerStack) {
    this.belowTop = below.top;
  }

  // NOTE: symlinks among a path's ancestors are not followed, so a write through a linked folder
  // (such as /var/run -> /run) lands under the link's own path.
  lookup(path: string): PathLookup {
    let hidden = false;
    for (const ancestor of ancestorPaths(path)) {
      const state = this.stateOf(ancestor, hidden);
      if (state.presence !== 'yes') return { presence: state.presence, fromBelow: false };
      if (state.state?.type !== 'directory') return { presence: 'no', fromBelow: false };
      if (this.upper.get(ancestor)?.kind === 'entry' && state.state.opaque) hidden = true;
    }
    return path === '/' ? { presence: 'yes', state: rootState, fromBelow: true } : this.stateOf(path, hidden);
  }

  /** Looks up one path, its ancestors already known to be directories. */
  private stateOf(path: string, hidden: boolean): PathLookup {
    const upper = this.upper.get(path);
    if (upper?.kind === 'whiteout') return { presence: 'no', fromBelow: false };
    if (upper) return { presence: 'yes', state: upper.state, fromBelow: false };
    if (!hidden) {
      const version = this.below.lookup(path, this.belowTop);
      if (version) return { presence: 'yes', state: fromEntry(version.entry), fromBelow: true };
    }
    if (this.assumedDirectories.has(path)) return { presence: 'yes', state: assumedState(), fromBelow: true };
    return { presence: !hidden && this.mayHoldUnlisted(parentPath(path)) ? 'maybe' : 'no', fromBelow: false };
  }

  /** Returns whether a directory may contain entries the prediction does not list. */
  mayHoldUnlisted(directory: string): boolean {
    for (const root of this.unknownRoots) if (isWithin(directory, root) || isWithin(root, directory)) return true;
    if (this.assumedDirectories.has(directory)) return true;
    const upper = this.upper.get(directory);
    if (upper?.kind === 'entry' && (upper.state.opaque || !this.below.lookup(directory, this.belowTop))) return false;
    for (const path of [...ancestorPaths(directory), directory]) {
      const entry = this.upper.get(path);
      if (entry?.kind === 'entry' && entry.state.opaque) return false;
    }
    return !this.isFullyKnownBelow(directory);
  }

  /**
   * Returns whether a lower directory's contents are all listed: it was created (not inherited from the
   * base image) by a layer, and no layer from there up may hold unlisted content.
   */
  private isFullyKnownBelow(directory: string): boolean {
    if (directory === '/') return this.below.layers.every((stacked) => stacked.layer.certainty !== 'unknown');
    const version = this.below.lookup(directory, this.belowTop);
    if (!version) return false;
    const createdThere = version.entry.opaque === true || !this.below.lookup(directory, version.layer - 1);
    if (!createdThere) return false;
    for (let layer = version.layer; layer <= this.belowTop; layer++) {
      if (this.below.layers[layer].layer.certainty === 'unknown') return false;
    }
    return true;
  }

  /** Lists the known children of a directory, in name order. */
  children(directory: string): Array<{ name: string; path: string; state: FileState }> {
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
  write(path: string, state: FileState): void {
    const previous = this.upper.get(path);
    const opaque = state.type === 'directory' && (previous?.kind === 'whiteout' || (previous?.kind === 'entry' && previous.state.opaque === true));
    if (previous?.kind === 'entry' && previous.state.type === 'directory' && state.type !== 'directory') this.dropUpperSubtree(path);
    this.upper.set(path, { kind: 'entry', state: opaque ? { ...state, opaque: true } : state });
    this.link(path);
  }

  /** Returns the path's state in the upper layer, copying a lower version up first. */
  copyUp(path: string): FileState | undefined {
    const found = this.lookup(path);
    if (found.presence !== 'yes' || !found.state) return undefined;
    if (!found.fromBelow) return found.state;
    const copy: FileState = { ...found.state, opaque: undefined, origin: found.state.origin ?? { kind: 'parent' } };
    if (copy.type === 'file') copy.inode = newInode();
    this.upper.set(path, { kind: 'entry', state: copy });
    this.link(path);
    return copy;
  }

  /** Removes a path and everything under it. A lower version is hidden by a whiteout. */
  remove(path: string): void {
    const lowerVisible = !this.hiddenByAncestor(path) && this.below.lookup(path, this.belowTop) !== undefined;
    const wasOpaqueOrCovering = this.upper.get(path)?.kind === 'whiteout';
    this.dropUpperSubtree(path);
    if (lowerVisible || wasOpaqueOrCovering || this.assumedDirectories.has(path)) {
      this.upper.set(path, { kind: 'whiteout' });
      this.link(path);
    } else {
      this.upper.delete(path);
      this.upperChildren.get(parentPath(path))?.delete(baseName(path));
    }
    this.assumedDirectories.delete(path);
  }

  /** Records that a command wrote unlisted files under `root`. */
  addUnknownRoot(root: string): void {
    this.unknownRoots.add(root);
  }

  /** Forgets unlisted files under `root` (a command deleted them). */
  clearUnknownRoot(root: string): void {
    for (const known of [...this.unknownRoots]) if (isWithin(known, root)) this.unknownRoots.delete(known);
  }

  unknownRootList(): string[] {
    return [...this.unknownRoots].sort();
  }

  /** Lists the upper layer: every written path and whiteout. */
  upperEntries(): Array<{ path: string; state: UpperState }> {
    return [...this.upper].map(([path, state]) => ({ path, state }));
  }

  /** Lists the paths that share an inode with `inode` in the upper layer. */
  hardLinksOf(inode: Inode): string[] {
    const paths: string[] = [];
    for (const [path, state] of this.upper) if (state.kind === 'entry' && state.state.inode === inode) paths.push(path);
    return paths;
  }

  private dropUpperSubtree(path: string): void {
    const prefix = path === '/' ? '/' : path + '/';
    for (const key of [...this.upper.keys()]) if (key.startsWith(prefix)) this.upper.delete(key);
    for (const key of [...this.upperChildren.keys()]) if (key === path || key.startsWith(prefix)) this.upperChildren.delete(key);
  }

  private link(path: string): void {
    if (path === '/') return;
    const parent = parentPath(path);
    let names = this.upperChildren.get(parent);
    if (!names) this.upperChildren.set(parent, (names = new Set()));
    names.add(baseName(path));
  }
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
    origin: entry.origin,
    opaque: entry.opaque,
  };
}

/** Returns whether `path` is `root` or lies under it. */
export function isWithin(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(root + '/');
}
