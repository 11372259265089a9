/**
 * Walks a build context folder once and applies its ignore file on the way, as BuildKit does
 * when it sends the context. Excluded directories are not entered unless a `!` line may
 * re-include something inside. Symlinks are recorded but never followed.
 */
import { promises as fs, Stats, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { ContextIndex, compareNames } from './contextIndex';
import type { IgnoreMatcher, PatternMatches } from './dockerignore';
import { describeError, loadIgnoreFile } from './ignoreFile';
import type { ContextFile, ContextFileType, WalkOptions, WalkProgress } from './types';

const DEFAULT_MAX_ENTRIES = 1_000_000;
const PROGRESS_INTERVAL_MS = 100;
/** Concurrent `lstat` calls per directory; enough to keep libuv's four threads busy. */
const LSTAT_BATCH = 32;
/** Subdirectories listed ahead of their turn, which bounds the `Stats` objects held early. */
const READ_AHEAD_DIRECTORIES = 4;

/** The index being built, with ignore and limit state. */
interface Walk {
  index: ContextIndex;
  matcher: IgnoreMatcher;
  options: WalkOptions;
  maxEntries: number;
  progress: WalkProgress;
  lastProgressAt: number;
  stopped: boolean;
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
}

/**
 * Walks the build context at `root` into a `ContextIndex`. Unreadable paths become problems in
 * the index. Rejects when `root` is missing or not a directory, or when `options.signal` aborts.
 */
export async function walkContext(root: string, options: WalkOptions = {}): Promise<ContextIndex> {
  const absoluteRoot = path.resolve(root);
  const rootStats = await statRoot(absoluteRoot);
  const ignore = await loadIgnoreFile(absoluteRoot, options.dockerfilePath);

  const index = new ContextIndex(absoluteRoot);
  index.ignoreFile = ignore.file;
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
    reader: typeof process.getuid === 'function' ? { uid: process.getuid(), groups: process.getgroups?.() ?? [] } : undefined,
  };
  await walkDirectory(walk, { path: '', excluded: false });
  options.onProgress?.({ ...walk.progress });
  return index;
}

async function statRoot(root: string): Promise<Stats> {
  let stats: Stats;
  try {
    stats = await fs.stat(root);
  } catch (error) {
    throw new Error(
      `The build context directory ${root} cannot be opened (${describeError(error)}). ` +
        'Choose an existing directory as the build context.',
    );
  }
  if (!stats.isDirectory()) {
    throw new Error(
      `The build context ${root} is not a directory. Choose the directory that contains the ` +
        'files the Dockerfile copies.',
    );
  }
  return stats;
}

/** Walks one directory; returns whether it added anything, so an excluded parent is recreated. */
async function walkDirectory(walk: Walk, dir: Directory, listing?: Promise<Listing>): Promise<boolean> {
  walk.options.signal?.throwIfAborted();
  const { readError, children, stats } = await (listing ?? listDirectory(walk, dir));
  if (readError) {
    // Builders skip what they cannot read inside an excluded directory without an error.
    if (!dir.excluded) {
      addProblem(walk, dir.path, `This directory cannot be read (${describeError(readError.error)}). ` +
        'A build fails on it: fix its permissions or exclude it in .dockerignore.');
    }
    return false;
  }
  const subdirectories = children.flatMap((child, i) => (willWalk(walk, child, stats[i]) ? [i] : []));
  const listings = new Map<number, Promise<Listing>>();
  let cursor = 0;
  let added = false;
  for (let i = 0; i < children.length && !walk.stopped; i++) {
    // Problems are reported a batch at a time, in the order the walk met them before it read ahead.
    if (i % LSTAT_BATCH === 0) reportStatErrors(walk, children.slice(i, i + LSTAT_BATCH), stats.slice(i, i + LSTAT_BATCH));
    while (cursor < subdirectories.length && (subdirectories[cursor] as number) < i) cursor++;
    readAhead(walk, children, subdirectories, cursor, listings);
    const stat = stats[i];
    added = (await visitChild(walk, children[i] as Child, stat instanceof Stats ? stat : undefined, listings.get(i))) || added;
    listings.delete(i);
  }
  return added;
}

/**
 * Starts listing the next few subdirectories from `cursor` on while the walk is still in this
 * one, so the thread pool keeps working while the walk adds entries in order.
 */
function readAhead(walk: Walk, children: Child[], subdirectories: number[], cursor: number, listings: Map<number, Promise<Listing>>): void {
  const end = Math.min(cursor + READ_AHEAD_DIRECTORIES, subdirectories.length);
  for (let k = cursor; k < end; k++) {
    const index = subdirectories[k] as number;
    if (!listings.has(index)) listings.set(index, listDirectory(walk, children[index] as Child));
  }
}

/** Returns whether the walk enters `child`: an included directory, or an excluded one where a `!` line may re-include something. */
function willWalk(walk: Walk, child: Child, stats: Stats | StatError | undefined): boolean {
  if (child.excluded) return child.dirent.isDirectory() && walk.matcher.mayReincludeBelow(child.path);
  return stats instanceof Stats && stats.isDirectory();
}

/** A directory's entries and their `lstat` results, read before the walk adds them. Failures are reported when the walk reaches them. */
interface Listing {
  readError?: StatError;
  children: Child[];
  /** One result per child, or `undefined` for an excluded child, which is not read. */
  stats: Array<Stats | StatError | undefined>;
}

interface StatError {
  error: unknown;
}

async function listDirectory(walk: Walk, dir: Directory): Promise<Listing> {
  let dirents: Dirent[];
  try {
    dirents = await fs.readdir(path.join(walk.index.root, dir.path), { withFileTypes: true });
  } catch (error) {
    return { readError: { error }, children: [], stats: [] };
  }
  const children = dirents.sort((a, b) => compareNames(a.name, b.name)).map((dirent) => classify(walk, dir, dirent));
  const stats: Listing['stats'] = [];
  for (let start = 0; start < children.length && !walk.stopped; start += LSTAT_BATCH) {
    const batch = children.slice(start, start + LSTAT_BATCH);
    stats.push(...(await Promise.all(batch.map((child) => (child.excluded ? undefined : lstatOrError(walk, child))))));
  }
  return { children, stats };
}

async function lstatOrError(walk: Walk, child: Child): Promise<Stats | StatError> {
  try {
    return await fs.lstat(path.join(walk.index.root, child.path));
  } catch (error) {
    return { error };
  }
}

function reportStatErrors(walk: Walk, children: Child[], stats: Listing['stats']): void {
  children.forEach((child, i) => {
    const stat = stats[i];
    if (stat !== undefined && !(stat instanceof Stats)) addProblem(walk, child.path, `This path cannot be read (${describeError(stat.error)}).`);
  });
}

interface Child extends Directory {
  dirent: Dirent;
}

function classify(walk: Walk, dir: Directory, dirent: Dirent): Child {
  const childPath = dir.path === '' ? dirent.name : `${dir.path}/${dirent.name}`;
  if (walk.matcher.isEmpty) return { path: childPath, excluded: false, dirent };
  const { excluded, matches } = walk.matcher.match(childPath, dir.matches);
  return { path: childPath, excluded, matches, dirent };
}

/** Adds a child and walks into it when it is a directory; returns whether anything was added. */
async function visitChild(walk: Walk, child: Child, stats: Stats | undefined, listing: Promise<Listing> | undefined): Promise<boolean> {
  if (child.excluded) {
    const mayHoldIncluded = child.dirent.isDirectory() && walk.matcher.mayReincludeBelow(child.path);
    if (!mayHoldIncluded || !(await walkDirectory(walk, child, listing))) return false;
    return addRecreatedDirectory(walk, child);
  }
  if (!stats) return false;
  if (!reserveEntry(walk)) return false;

  const file = toContextFile(child.path, stats);
  if (file.type === 'symlink') await readLinkTarget(walk, file);
  walk.index.add(file);
  checkReadable(walk, file, stats);
  countEntry(walk, file.type);
  if (file.type === 'directory') await walkDirectory(walk, child, listing);
  return true;
}

/** Adds an excluded directory that the context still contains because something inside is kept. */
async function addRecreatedDirectory(walk: Walk, child: Child): Promise<boolean> {
  const stats = await lstatEntry(walk, child);
  if (!stats || !reserveEntry(walk)) return false;
  walk.index.add({ ...toContextFile(child.path, stats), recreated: true });
  countEntry(walk, 'directory');
  return true;
}

async function lstatEntry(walk: Walk, child: Child): Promise<Stats | undefined> {
  try {
    return await fs.lstat(path.join(walk.index.root, child.path));
  } catch (error) {
    addProblem(walk, child.path, `This path cannot be read (${describeError(error)}).`);
    return undefined;
  }
}

async function readLinkTarget(walk: Walk, file: ContextFile): Promise<void> {
  try {
    file.linkTarget = await fs.readlink(path.join(walk.index.root, file.path));
  } catch (error) {
    addProblem(walk, file.path, `The symbolic link cannot be read (${describeError(error)}).`);
  }
}

function toContextFile(contextPath: string, stats: Stats): ContextFile {
  const type = fileType(stats);
  return {
    path: contextPath,
    type,
    size: type === 'file' ? stats.size : 0,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
  };
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
