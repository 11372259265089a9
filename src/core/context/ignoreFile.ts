/** Finds and reads the ignore file that applies to a build, as BuildKit chooses it. */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { BuilderKind } from '../dockerfile/builders';
import { NotRegularFileError, readRegularFile } from '../files/regularFile';
import { isInsideFolder } from '../files/insideFolder';
import { IgnoreMatcher, parseDockerignore } from './dockerignore';
import type { ContextProblem } from './types';

export interface LoadedIgnoreFile {
  matcher: IgnoreMatcher;
  /** Absolute host path of the file that was read, if one exists. */
  file?: string;
  problems: ContextProblem[];
}

/**
 * Returns the ignore-file paths in the order BuildKit tries them: `<Dockerfile name>.dockerignore`
 * beside the Dockerfile replaces the context root's `.dockerignore`.
 */
export function ignoreFileCandidates(root: string, dockerfilePath?: string): string[] {
  const candidates: string[] = [];
  if (dockerfilePath) candidates.push(`${dockerfilePath}.dockerignore`);
  candidates.push(path.join(root, '.dockerignore'));
  return candidates;
}

/**
 * Returns the Dockerfile whose own ignore file (`<Dockerfile>.dockerignore`) `builder` reads
 * (BuildKit when absent), or `undefined` for the classic builder, which reads only the context's
 * `.dockerignore`.
 */
export function ignoreFileDockerfile(builder: BuilderKind | undefined, dockerfilePath: string): string | undefined {
  return builder === 'classic' ? undefined : dockerfilePath;
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

/** Reads the first ignore file that exists. Missing files are normal; other failures are problems. */
export async function loadIgnoreFile(root: string, dockerfilePath?: string): Promise<LoadedIgnoreFile> {
  for (const file of ignoreFileCandidates(root, dockerfilePath)) {
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
