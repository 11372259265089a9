/**
 * Walks a build context folder once and applies its ignore file on the way, as BuildKit does
 * when it sends the context. Excluded directories are not entered unless a `!` line may
 * re-include something inside. Symlinks are recorded but never followed.
 */
import { lstatSync, promises as fs, readdirSync, readlinkSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { decodeMemberName } from '../archive/memberNames';
import { ContextIndex, compareNames } from './contextIndex';
import type { IgnoreMatcher, PatternMatches } from './dockerignore';
import { joinNameBytes, mayBeEscaped, pathAsRunes } from './hostNames';
import { describeError, loadIgnoreFile } from './ignoreFile';
import type { ContextFile, ContextFileType, WalkOptions, WalkProgress } from './types';

const DEFAULT_MAX_ENTRIES = 1_000_000;
const PROGRESS_INTERVAL_MS = 100;
const DEFAULT_YIELD_INTERVAL_MS = 5;

/** The index being built, with ignore and limit state. */
interface Walk {
  index: ContextIndex;
  matcher: IgnoreMatcher;
  options: WalkOptions;
  maxEntries: number;
  progress: WalkProgress;
  lastProgressAt: number;
  stopped: boolean;
  /** The `performance.now()` time at which the walk next yields to the event loop. */
  yieldAt: number;
  /** The root's host path with a trailing separator, which a context path is appended to. */
  rootPrefix: string;
  /** This process's user and groups, read once per walk, because a `getuid` call per file took 160 ms of a 100,000-file walk. */
  reader: Reader | undefined;
}

interface Reader {
  uid: number;
  groups: number[];
}

/** A directory on the walk: its context path and its ignore results. */
interface Directory {
  path: string;
  matches?: PatternMatches;
  excluded: boolean;
  /**
   * The host path as bytes. Set in and below a folder with a name that may not be valid UTF-8
   * (see `listNameBytes`), whose shown `path` no longer opens the file.
   */
  hostBytes?: Buffer;
}

/**
 * Walks the build context at `root` into a `ContextIndex`. Unreadable paths become problems in
 * the index. Rejects when `root` is missing or not a directory, or when `options.signal` aborts.
 */
export async function walkContext(root: string, options: WalkOptions = {}): Promise<ContextIndex> {
  const absoluteRoot = path.resolve(root);
  const rootStats = await statRoot(absoluteRoot);
  const ignore = await loadIgnoreFile(absoluteRoot, options.dockerfilePath, options.containerIgnore);

  const index = new ContextIndex(absoluteRoot);
  index.ignoreFile = ignore.file;
  index.ignoreExceptions = ignore.matcher.exceptionPatterns;
  index.ignoreMatcher = ignore.matcher;
  index.problems.push(...ignore.problems);
  index.add(toContextFile('', rootStats));

  const walk: Walk = {
    index,
    matcher: ignore.matcher,
    options,
    maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    progress: { files: 0, directories: 1 },
    lastProgressAt: Date.now(),
    stopped: false,
    yieldAt: performance.now() + (options.yieldIntervalMs ?? DEFAULT_YIELD_INTERVAL_MS),
    rootPrefix: absoluteRoot.endsWith(path.sep) ? absoluteRoot : absoluteRoot + path.sep,
    reader: typeof process.getuid === 'function' ? { uid: process.getuid(), groups: process.getgroups?.() ?? [] } : undefined,
  };
  await walkDirectory(walk, { path: '', excluded: false });
  options.onProgress?.({ ...walk.progress });
  return index;
}

/**
 * The error of a context root that is missing, unreadable or no folder. `problem` is the rest of a
 * sentence about the root, such as "cannot be opened (not found)", so that a caller can name the
 * option that chose the root in its own sentence.
 */
export class UnreadableRootError extends Error {
  constructor(
    readonly root: string,
    readonly problem: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableRootError';
  }
}

async function statRoot(root: string): Promise<Stats> {
  let stats: Stats;
  try {
    stats = await fs.stat(root);
  } catch (error) {
    const reason = describeError(error);
    throw new UnreadableRootError(
      root,
      `cannot be opened (${reason})`,
      `The build context directory ${root} cannot be opened (${reason}). Choose an existing directory as the build context.`,
    );
  }
  if (!stats.isDirectory()) {
    throw new UnreadableRootError(
      root,
      'is not a folder',
      `The build context ${root} is not a directory. Choose the directory that contains the files the Dockerfile copies.`,
    );
  }
  return stats;
}

/** Walks one directory; returns whether it added anything, so an excluded parent is recreated. */
async function walkDirectory(walk: Walk, dir: Directory): Promise<boolean> {
  walk.options.signal?.throwIfAborted();
  const children = listDirectory(walk, dir);
  if (children === undefined) return false;

  let added = false;
  for (const child of children) {
    if (walk.stopped) break;
    if (performance.now() >= walk.yieldAt) await yieldToEventLoop(walk);
    if (child.excluded) {
      const mayHoldIncluded = child.dirent.isDirectory() && walk.matcher.mayReincludeBelow(child.path);
      if (mayHoldIncluded && (await walkDirectory(walk, child)) && addRecreatedDirectory(walk, child)) added = true;
      continue;
    }
    const file = addChild(walk, child);
    if (file === undefined) continue;
    added = true;
    if (file.type === 'directory') await walkDirectory(walk, child);
  }
  return added;
}

/**
 * Lets other callbacks run, because the walk's file system calls are synchronous and the same
 * walk runs in the editor's extension host. Then checks for an abort that came in meanwhile.
 * NOTE: one call that hangs (on a network mount that no longer responds) still blocks the
 * extension host until it returns. The asynchronous walk it replaced did not, at twice the CPU time.
 */
async function yieldToEventLoop(walk: Walk): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  walk.options.signal?.throwIfAborted();
  walk.yieldAt = performance.now() + (walk.options.yieldIntervalMs ?? DEFAULT_YIELD_INTERVAL_MS);
}

/** Returns a directory's children in name order, or `undefined` with a problem when it cannot be read. */
function listDirectory(walk: Walk, dir: Directory): Child[] | undefined {
  try {
    return listChildren(walk, dir, hostPath(walk, dir));
  } catch (error) {
    // Builders skip what they cannot read inside an excluded directory without an error.
    if (!dir.excluded) {
      addProblem(walk, dir.path, `This directory cannot be read (${describeError(error)}). ` +
        'A build fails on it: fix its permissions or exclude it in .dockerignore.');
    }
    return undefined;
  }
}

/** Lists a directory by Node's decoded names, or by their bytes when a name may not be valid UTF-8. */
function listChildren(walk: Walk, dir: Directory, host: string | Buffer): Child[] {
  if (typeof host !== 'string') return listNameBytes(walk, dir, host);
  const dirents = readdirSync(host, { withFileTypes: true });
  if (dirents.some((dirent) => mayBeEscaped(dirent.name))) return listNameBytes(walk, dir, host);
  return dirents.sort((a, b) => compareNames(a.name, b.name)).map((dirent) => classify(walk, dir, dirent.name, dirent));
}

/**
 * Lists a directory by the bytes of its names, which keeps a name that is not valid UTF-8 as
 * stored, and shows each name as the image reader does. Only folders that contain such a name, or
 * lie below one, pay for the second listing.
 * `.dockerignore` patterns match such a name by its bytes, each invalid byte as one U+FFFD. That
 * is what buildah 1.28.2 and Docker Engine 20.10's classic builder did with `a` + byte 0xE9 +
 * `x.txt`: `a?x.txt` excluded the file, and so did a pattern that contains the byte itself.
 * `a????x.txt` keeps it (seen with buildah). Each path on which the shown name (`\xe9`) would
 * decide otherwise goes into `ignoreDoubts`.
 * NOTE: the ignore file is read as UTF-8, so a pattern's invalid byte is U+FFFD and names any
 * invalid byte, where a builder's names only the same byte.
 */
function listNameBytes(walk: Walk, dir: Directory, host: string | Buffer): Child[] {
  const named = readdirSync(host, { withFileTypes: true, encoding: 'buffer' })
    .map((dirent) => ({ dirent, name: decodeMemberName(dirent.name) }))
    .sort((a, b) => compareNames(a.name, b.name));
  return named.map(({ dirent, name }) => {
    const child = classify(walk, dir, name, dirent, pathAsRunes);
    const doubt = walk.matcher.isEmpty ? undefined : walk.matcher.escapedNameDoubt(child.path);
    if (doubt) walk.index.ignoreDoubts.set(child.path, doubt);
    return { ...child, hostBytes: joinNameBytes(host, dirent.name) };
  });
}

interface Child extends Directory {
  dirent: { isDirectory(): boolean };
}

/** Classifies a child by the ignore file, matched against `matchedForm` of its path (the path itself by default). */
function classify(walk: Walk, dir: Directory, name: string, dirent: Child['dirent'], matchedForm = (path: string) => path): Child {
  const childPath = dir.path === '' ? name : `${dir.path}/${name}`;
  if (walk.matcher.isEmpty) return { path: childPath, excluded: false, dirent };
  const { excluded, matches } = walk.matcher.match(matchedForm(childPath), dir.matches);
  return { path: childPath, excluded, matches, dirent };
}

/** Adds an included child from its `lstat` result. Returns the entry, or `undefined` when the child was not added. */
function addChild(walk: Walk, child: Child): ContextFile | undefined {
  const stats = lstatEntry(walk, child);
  if (!stats || !reserveEntry(walk)) return undefined;

  const file = toContextFile(child.path, stats);
  if (file.type === 'symlink') readLinkTarget(walk, file, hostPath(walk, child));
  if (file.type === 'file' && stats.nlink > 1) readInode(walk, file, hostPath(walk, child));
  walk.index.add(file);
  checkReadable(walk, file, stats);
  countEntry(walk, file.type);
  return file;
}

/** Adds an excluded directory that the context still contains because something inside is kept. */
function addRecreatedDirectory(walk: Walk, child: Child): boolean {
  const stats = lstatEntry(walk, child);
  if (!stats || !reserveEntry(walk)) return false;
  walk.index.add({ ...toContextFile(child.path, stats), recreated: true });
  countEntry(walk, 'directory');
  return true;
}

function lstatEntry(walk: Walk, child: Child): Stats | undefined {
  try {
    return lstatSync(hostPath(walk, child));
  } catch (error) {
    addProblem(walk, child.path, `This path cannot be read (${describeError(error)}).`);
    return undefined;
  }
}

/** Reads a symlink's target, shown by the image reader's rule when it is not plain UTF-8 text. */
function readLinkTarget(walk: Walk, file: ContextFile, host: string | Buffer): void {
  try {
    const target = readlinkSync(host);
    file.linkTarget = mayBeEscaped(target) ? decodeMemberName(readlinkSync(host, { encoding: 'buffer' })) : target;
  } catch (error) {
    addProblem(walk, file.path, `The symbolic link cannot be read (${describeError(error)}).`);
  }
}

/**
 * Records the device and inode of a file with several names. A second `lstat` reads them as
 * bigints, because inode numbers above 2^53 lose precision as numbers, so two files could look
 * like one. Only hard-linked files pay for it.
 */
function readInode(walk: Walk, file: ContextFile, host: string | Buffer): void {
  try {
    const stats = lstatSync(host, { bigint: true });
    if (stats.isFile()) file.inode = `${stats.dev}:${stats.ino}`;
  } catch (error) {
    addProblem(walk, file.path, `This path cannot be read (${describeError(error)}).`);
  }
}

/** Returns the host path of an entry. It skips `path.join`, which normalises the whole path on every call. */
function hostPath(walk: Walk, entry: Directory): string | Buffer {
  return entry.hostBytes ?? walk.rootPrefix + entry.path;
}

function toContextFile(contextPath: string, stats: Stats): ContextFile {
  const type = fileType(stats);
  const file: ContextFile = {
    path: contextPath,
    type,
    size: type === 'file' ? stats.size : 0,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
  };
  if (stats.isFIFO()) file.fifo = true;
  return file;
}

function fileType(stats: Stats): ContextFileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  // FIFOs, sockets and devices: recorded from lstat only, never opened.
  return 'other';
}

/**
 * Reports a regular file that this process cannot read, judged from its mode bits because
 * opening every file would double the cost of the walk.
 * NOTE: ACLs and capabilities are not checked, and as root every file counts as readable.
 */
function checkReadable(walk: Walk, file: ContextFile, stats: Stats): void {
  if (file.type !== 'file' || walk.reader === undefined) return;
  const { uid, groups } = walk.reader;
  if (uid === 0) return;
  const bit = stats.uid === uid ? 0o400 : groups.includes(stats.gid) ? 0o040 : 0o004;
  if ((stats.mode & bit) === 0) {
    addProblem(walk, file.path, `This file is not readable by user ${uid}. ` +
      'A build fails on it: fix its permissions or exclude it in .dockerignore.');
  }
}

/** Takes one entry from the budget; at the limit it stops the walk with a problem. */
function reserveEntry(walk: Walk): boolean {
  if (walk.index.size < walk.maxEntries) return true;
  walk.stopped = true;
  addProblem(walk, '', `The build context has more than ${walk.maxEntries} entries, so the walk ` +
    'stopped and the analysis sees only part of it. Exclude what the build does not need in ' +
    '.dockerignore, or choose a smaller context folder.');
  return false;
}

function countEntry(walk: Walk, type: ContextFileType): void {
  if (type === 'directory') walk.progress.directories++;
  else walk.progress.files++;
  const now = Date.now();
  if (walk.options.onProgress && now - walk.lastProgressAt >= PROGRESS_INTERVAL_MS) {
    walk.lastProgressAt = now;
    walk.options.onProgress({ ...walk.progress });
  }
}

function addProblem(walk: Walk, problemPath: string, message: string): void {
  walk.index.problems.push({ path: problemPath, message });
}
