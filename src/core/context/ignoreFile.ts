/** Finds and reads the ignore file that applies to a build, as the builder chooses it. */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { BuilderKind } from '../dockerfile/builders';
import { NotRegularFileError, readRegularFile } from '../files/regularFile';
import { isInsideFolder } from '../files/insideFolder';
import { IgnoreMatcher, parseDockerignore } from './dockerignore';
import type { ContextProblem, WalkOptions } from './types';

export interface LoadedIgnoreFile {
  matcher: IgnoreMatcher;
  /** Absolute host path of the file that was read, if one exists. */
  file?: string;
  problems: ContextProblem[];
}

/**
 * Returns the ignore-file paths in the order a builder tries them. The first that exists is read.
 * BuildKit tries `<Dockerfile name>.dockerignore` beside the Dockerfile, then the context root's
 * `.dockerignore`. With `containerIgnore`, the order of buildah 1.28 (`ContainerIgnoreFile` in
 * its `pkg/parse`): `<Dockerfile>.dockerignore`, `<Dockerfile>.containerignore`, then the root's
 * `.containerignore` and `.dockerignore`. Without `dockerfilePath`, as for the classic builder,
 * only the root's files are tried.
 */
export function ignoreFileCandidates(root: string, dockerfilePath?: string, containerIgnore = false): string[] {
  const candidates: string[] = [];
  if (dockerfilePath) candidates.push(`${dockerfilePath}.dockerignore`);
  if (dockerfilePath && containerIgnore) candidates.push(`${dockerfilePath}.containerignore`);
  if (containerIgnore) candidates.push(path.join(root, '.containerignore'));
  candidates.push(path.join(root, '.dockerignore'));
  return candidates;
}

/**
 * Returns the Dockerfile whose own ignore file (`<Dockerfile>.dockerignore`) `builder` reads
 * (BuildKit when absent), or `undefined` for the classic builder, which reads only the context's
 * `.dockerignore`.
 * NOTE: buildah 1.28 joins a relative `-f` path onto the context folder before it adds
 * `.dockerignore`, so `-f sub/Dockerfile` run from outside the context misses the file. The
 * model takes `-f` to name the Dockerfile itself (an absolute path, or a path run from the
 * context folder), and `buildahIgnoreFileNote` words the exception.
 */
export function ignoreFileDockerfile(builder: BuilderKind | undefined, dockerfilePath: string): string | undefined {
  return builder === 'classic' ? undefined : dockerfilePath;
}

/** Returns the walk options under which a context walk reads the ignore file that `builder` reads. */
export function ignoreFileOptions(builder: BuilderKind | undefined, dockerfilePath: string): Pick<WalkOptions, 'dockerfilePath' | 'containerIgnore'> {
  const options: Pick<WalkOptions, 'dockerfilePath' | 'containerIgnore'> = {};
  const fromDockerfile = ignoreFileDockerfile(builder, dockerfilePath);
  if (fromDockerfile !== undefined) options.dockerfilePath = fromDockerfile;
  if (builder === 'buildah') options.containerIgnore = true;
  return options;
}

/**
 * Returns the path of `<Dockerfile>.dockerignore` when that file exists but `builder` does not
 * read it, as the classic builder does not; `undefined` otherwise.
 */
export async function unreadIgnoreFile(builder: BuilderKind | undefined, dockerfilePath: string): Promise<string | undefined> {
  if (ignoreFileDockerfile(builder, dockerfilePath) !== undefined) return undefined;
  const file = `${dockerfilePath}.dockerignore`;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    // The file is there but cannot be checked (a folder above it denies access): the builder skips it all the same.
    return file;
  }
}

/**
 * Returns the ignore file that a walk with `options` reads: the first candidate that is not
 * missing, or `undefined` when there is none.
 */
export async function chosenIgnoreFile(root: string, options: Pick<WalkOptions, 'dockerfilePath' | 'containerIgnore'>): Promise<string | undefined> {
  for (const file of ignoreFileCandidates(path.resolve(root), options.dockerfilePath, options.containerIgnore)) {
    try {
      await stat(file);
      return file;
    } catch (error) {
      // As in `loadIgnoreFile`, a file that is there but cannot be read is still the one chosen.
      if (!isMissing(error)) return file;
    }
  }
  return undefined;
}

/**
 * Reads the first ignore file of `ignoreFileCandidates` that exists. Missing files are normal;
 * other failures are problems.
 */
export async function loadIgnoreFile(root: string, dockerfilePath?: string, containerIgnore = false): Promise<LoadedIgnoreFile> {
  for (const file of ignoreFileCandidates(root, dockerfilePath, containerIgnore)) {
    let text: string;
    try {
      // A FIFO in place of the ignore file would block a plain read forever.
      text = (await readRegularFile(file)).toString('utf8');
    } catch (error) {
      if (isMissing(error)) continue;
      const problem = {
        path: problemPath(root, file),
        message: `The ignore file could not be read (${describeError(error)}), so no path is excluded. ` +
          'Builders fail on an unreadable ignore file: make it a regular file that you can read.',
      };
      return { matcher: new IgnoreMatcher([]), file, problems: [problem] };
    }
    return fromText(root, file, text);
  }
  return { matcher: new IgnoreMatcher([]), problems: [] };
}

function fromText(root: string, file: string, text: string): LoadedIgnoreFile {
  const patterns = parseDockerignore(text);
  const problems = patterns
    .filter((pattern) => pattern.invalid !== undefined)
    .map((pattern) => ({
      path: problemPath(root, file),
      message: `Line ${pattern.line} is ignored here: ${pattern.invalid}. ` +
        'Docker rejects the whole file, so fix or remove the line.',
    }));
  return { matcher: new IgnoreMatcher(patterns), file, problems };
}

/** Names a file by its context path when it is inside the context, else by its host path. */
export function problemPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative !== '' && isInsideFolder(root, file) ? relative.split(path.sep).join('/') : file;
}

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Returns a short reason for a file system error, such as "permission denied". */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'not found';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EIO':
      return 'input/output error';
    case 'ENOTREGULAR':
      return `it is a ${(error as NotRegularFileError).kind}, not a file`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
