/**
 * Collects the entries one step writes. A later write of the same path replaces an earlier one
 * (several COPY sources into one folder), and every missing ancestor directory is created the
 * way builders create it: mode 0755, owned by root, unless the step sets other `CreatedFolders`.
 */
import type { Certainty, EntryOrigin, Layer, WriteEntry } from '../model/layer';
import { leastCertain } from '../model/layer';
import { parentPath } from '../model/paths';
import type { LayerStack } from '../model/stack';
import { joinWords } from '../report/format';

/** The owner, mode and certainty of the missing ancestor folders a step creates. */
export interface CreatedFolders {
  uid: number | null;
  gid: number | null;
  mode: number;
  certainty: Certainty;
}

const ROOT_FOLDERS: CreatedFolders = { uid: 0, gid: 0, mode: 0o755, certainty: 'exact' };

export class LayerWriter {
  private readonly entries = new Map<string, WriteEntry>();
  private readonly assumed = new Set<string>();
  private floor: Certainty = 'exact';
  private folders = ROOT_FOLDERS;

  constructor(private readonly below: LayerStack) {}

  /** Sets how `finish` creates missing ancestor folders (a COPY with `--chown` or `--chmod`). */
  setCreatedFolders(folders: CreatedFolders): void {
    this.folders = folders;
  }

  /** Records `entry`, which the writer keeps (callers pass a new object), in place of an earlier write of its path. */
  write(entry: WriteEntry): void {
    this.entries.set(entry.path, entry);
  }

  /** Lowers the certainty of the whole layer (content that cannot be listed). */
  lowerCertainty(certainty: Certainty): void {
    this.floor = leastCertain(this.floor, certainty);
  }

  /**
   * Returns the folders of `folders` (a path's ancestors from the top down, maybe the path
   * last) that do not exist below, from the top down. Only the deepest one that exists matters,
   * since those above it exist too. When only the assumed base image has it, it may be missing
   * and the builder would create it in this layer, so the layer is no more than estimated.
   */
  missingOf(folders: readonly string[]): string[] {
    for (let index = folders.length - 1; index >= 0; index--) {
      const lower = this.below.lookup(folders[index]);
      if (lower === undefined) continue;
      if (lower.entry.origin?.kind === 'assumed-base') {
        this.assumed.add(folders[index]);
        this.lowerCertainty('estimated');
      }
      return folders.slice(index + 1);
    }
    return [...folders];
  }

  /** The folders of the assumed base image the step relies on, for its note; complete after `finish`. */
  get assumedFolders(): string[] {
    return [...this.assumed].sort();
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  get(path: string): WriteEntry | undefined {
    return this.entries.get(path);
  }

  /** Returns the layer, with the missing ancestors of every entry created first. */
  finish(): Layer {
    const parents: WriteEntry[] = [];
    const seen = new Set<string>();
    for (const entry of this.entries.values()) {
      const ancestors = this.unvisitedAncestors(entry.path, seen);
      for (const ancestor of ancestors) seen.add(ancestor);
      for (const missing of this.missingOf(ancestors)) {
        const { uid, gid, mode, certainty } = this.folders;
        parents.push(createdDirectory(missing, { kind: 'parent' }, certainty, uid, gid, mode));
      }
    }
    const entries = [...parents, ...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // A loop, not a spread into `leastCertain`: spreading 200,000 entries overflows the call stack.
    let certainty = this.floor;
    for (const entry of entries) certainty = leastCertain(certainty, entry.certainty);
    return { entries, certainty };
  }

  /**
   * Lists the ancestors of `path` from the top down that are neither written nor in `seen`. The
   * scan goes up from the parent and stops at the first one found, because that one's own
   * ancestors were listed when it was: files of one folder then cost one check each.
   */
  private unvisitedAncestors(path: string, seen: ReadonlySet<string>): string[] {
    const found: string[] = [];
    for (let ancestor = parentPath(path); ancestor !== '/'; ancestor = parentPath(ancestor)) {
      if (seen.has(ancestor) || this.entries.has(ancestor)) break;
      found.push(ancestor);
    }
    return found.reverse();
  }
}

/** Makes the entry of a directory that a builder creates itself: mode 0755, owned by root unless `uid`, `gid` and `mode` are given. */
export function createdDirectory(path: string, origin: EntryOrigin, certainty: Certainty, uid: number | null = 0, gid: number | null = 0, mode = 0o755): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode, uid, gid, certainty, origin };
}

/**
 * Returns the note for a step that relies on folders only the assumed base image has, or
 * `undefined` when it relies on none. `baseImage` is the reference of that unread image, which the
 * note names, so that it is not taken for an image a `COPY --from` of the same step names.
 */
export function assumedFoldersNote(folders: string[], baseImage?: string): string | undefined {
  if (folders.length === 0) return undefined;
  const named = joinNames(folders, Infinity);
  const them = folders.length === 1 ? 'it' : 'them';
  const image = baseImage ? `The base image ${baseImage}` : 'The base image';
  return `${image} is not read, so this assumes it has ${named}, as most Linux images do. If it does not, the builder creates ${them} in this layer.`;
}

/** Joins names (paths, commands) for a note: all of them up to `shown`, else the first `shown` and how many more. */
export function joinNames(names: readonly string[], shown = 3): string {
  if (names.length > shown) return `${names.slice(0, shown).join(', ')} and ${(names.length - shown).toLocaleString('en')} more`;
  return joinWords(names);
}
