/**
 * The items a COPY or ADD source provides, each relative to where it lands: a file source is one
 * item named after the source, a directory source is its contents (not itself), as BuildKit
 * copies them.
 */
import type { ContextFile } from '../context/types';
import type { ContextIndex } from '../context/contextIndex';
import type { Certainty, EntryOrigin, EntryType } from '../model/layer';
import type { Version } from '../model/pathTree';
import type { LayerStack } from '../model/stack';
import { baseName } from '../model/paths';
import { listed } from './addArchive';

/** One path a source provides. `relative` is `''` for a file source copied under its own name. */
export interface SourceItem {
  relative: string;
  type: EntryType;
  size: number | null;
  mode: number | null;
  uid: number | null;
  gid: number | null;
  linkTarget?: string;
  origin: EntryOrigin;
  certainty: Certainty;
  /** Set on a context directory that `.dockerignore` excluded but that contains a re-included file. */
  recreated?: boolean;
  /** Set on a FIFO of the build context, which is listed as an empty file because the model has no FIFO type. */
  fifo?: true;
  /** The `dev:ino` of a context file with several names, which a copy writes as one file and hard links. */
  inode?: string;
}

/** The content one source provides: a single item (a file, a link) or the contents of a directory. */
export interface SourceContent {
  /** The name the item takes inside a destination directory. */
  name: string;
  isDirectory: boolean;
  items: SourceItem[];
}

const setuidBit = 0o4000;

/**
 * Lists what a matched context path provides. Copied files lose the setuid bit. `contextName` is
 * the name of a named build context, which the origins keep, because their paths are relative to
 * that context's folder.
 */
export function contextContent(index: ContextIndex, matchedPath: string, file: ContextFile, contextName?: string): SourceContent {
  const item = (entry: ContextFile, relative: string): SourceItem => ({
    relative,
    type: entry.type === 'directory' ? 'directory' : entry.type === 'symlink' ? 'symlink' : 'file',
    size: entry.type === 'file' ? entry.size : 0,
    mode: entry.mode & ~setuidBit,
    uid: 0,
    gid: 0,
    linkTarget: entry.linkTarget,
    origin: contextName === undefined ? { kind: 'context', path: entry.path } : { kind: 'context', path: entry.path, context: contextName },
    certainty: contextCertainty(entry),
    recreated: entry.recreated,
    fifo: entry.fifo,
    ...(entry.inode === undefined ? {} : { inode: entry.inode }),
  });
  const name = matchedPath === '' ? '' : baseName('/' + matchedPath);
  if (file.type !== 'directory') return { name, isDirectory: false, items: [item(file, '')] };
  const prefix = file.path === '' ? '' : file.path + '/';
  const items = index.descendants(file.path).map((entry) => item(entry, entry.path.slice(prefix.length)));
  return { name, isDirectory: true, items };
}

/**
 * Returns the certainty of a copied context entry. A FIFO is copied as a FIFO, which the model
 * lists as an empty file, so it is estimated. Sockets and devices stay unknown.
 */
function contextCertainty(entry: ContextFile): Certainty {
  if (entry.fifo) return 'estimated';
  return entry.type === 'other' ? 'unknown' : 'exact';
}

/** Words the note on the FIFOs that a COPY or ADD (`keyword`) writes at `paths` from the build context. */
export function fifoNote(keyword: string, paths: readonly string[]): string {
  return `${keyword} copies FIFOs (named pipes) as FIFOs, which this prediction lists as empty files, marked estimated: ${listed(paths)}.`;
}

/**
 * Lists what a path of another stage's merged filesystem provides. Owners and modes are kept.
 * `path` names the source and `resolved` is where its content is read. They differ when the
 * source is a symlink, because the link's target (a folder's contents or a file) is copied.
 */
export function stageContent(stack: LayerStack, stage: number, path: string, resolved: string, version: Version): SourceContent {
  const item = (itemPath: string, itemVersion: Version, relative: string): SourceItem => ({
    relative,
    type: itemVersion.entry.type,
    size: itemVersion.entry.size,
    mode: itemVersion.entry.mode,
    uid: itemVersion.entry.uid,
    gid: itemVersion.entry.gid,
    linkTarget: itemVersion.entry.linkTarget,
    origin: { kind: 'stage', stage, path: itemPath },
    certainty: itemVersion.entry.certainty,
  });
  if (version.entry.type !== 'directory') return { name: baseName(path), isDirectory: false, items: [item(resolved, version, '')] };
  const items: SourceItem[] = [];
  const walk = (directory: string, relativeDirectory: string) => {
    for (const child of stack.children(directory)) {
      const childPath = directory === '/' ? '/' + child.name : directory + '/' + child.name;
      const relative = relativeDirectory === '' ? child.name : relativeDirectory + '/' + child.name;
      items.push(item(childPath, child.version, relative));
      if (child.version.entry.type === 'directory') walk(childPath, relative);
    }
  };
  walk(resolved, '');
  return { name: baseName(path), isDirectory: true, items };
}
