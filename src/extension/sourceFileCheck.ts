/**
 * The check before "Open Source File" opens a build-context file. No `vscode` import, so it runs
 * under plain mocha.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { messageOf } from '../core/archive/errors';
import { contextHostPath } from '../core/context/hostNames';
import { isInsideFolders } from './image/imageSpec';

/**
 * The action for a context file: open `path`, show `message` as information because there is no
 * file to open (a symbolic link to nothing or to a folder), or warn with `message`.
 */
export type SourceFileCheck = { kind: 'open'; path: string } | { kind: 'no-file'; message: string } | { kind: 'problem'; message: string };

/**
 * Checks that a context file still exists and, with symbolic links followed, lies inside the
 * build context, because the analysis may be older than the folder. `lstat` detects a symbolic
 * link, so a link to nothing is distinguished from a deleted file, and a link to a file opens
 * that file.
 */
export async function checkSourceFile(hostPath: string, contextPath: string, imagePath: string): Promise<SourceFileCheck> {
  const nameBytes = contextHostPath(contextPath, shownPath(hostPath, contextPath));
  if (typeof nameBytes !== 'string' && !isUtf8(nameBytes)) return checkNonUtf8File(nameBytes, hostPath, imagePath);
  let linkTarget: string | undefined;
  let real: string;
  try {
    if ((await fs.lstat(hostPath)).isSymbolicLink()) linkTarget = await fs.readlink(hostPath);
    real = await fs.realpath(hostPath);
  } catch (error) {
    if (!isMissing(error)) return { kind: 'problem', message: unreadableMessage(hostPath, error) };
    if (linkTarget === undefined) return { kind: 'problem', message: missingMessage(hostPath, imagePath) };
    return { kind: 'no-file', message: `${shownPath(hostPath, contextPath)} is a symbolic link to ${linkTarget}, which does not exist, so there is no file to open.` };
  }
  if (!isInsideFolders(real, [await fs.realpath(contextPath)])) {
    return { kind: 'problem', message: `${hostPath} links to ${real}, which is outside the build context ${contextPath}, so Layer Lens does not open it.` };
  }
  if ((await fs.stat(real)).isDirectory()) {
    if (linkTarget !== undefined) return { kind: 'no-file', message: `${shownPath(hostPath, contextPath)} is a symbolic link to the folder ${linkTarget}, so there is no file to open.` };
    return { kind: 'problem', message: `${hostPath} is a folder now, but ${imagePath} was copied from a file there. Run "Layer Lens: Refresh" to analyse the build context again.` };
  }
  return { kind: 'open', path: linkTarget === undefined ? hostPath : path.resolve(path.dirname(hostPath), linkTarget) };
}

/**
 * Checks a context file whose path (`bytes`) has a name that is not valid UTF-8, and returns why it does not open.
 * VS Code addresses a file by a text path (`Uri.fsPath`), which Node writes as UTF-8, so no text
 * path reaches such a name. `hostPath` shows each invalid byte as `\xhh`.
 */
async function checkNonUtf8File(bytes: Buffer, hostPath: string, imagePath: string): Promise<SourceFileCheck> {
  try {
    await fs.lstat(bytes);
  } catch (error) {
    return { kind: 'problem', message: isMissing(error) ? missingMessage(hostPath, imagePath) : unreadableMessage(hostPath, error) };
  }
  const cause = 'a name in its path is not valid UTF-8 (each invalid byte shows as \\xhh), and VS Code opens only paths that are valid UTF-8';
  return {
    kind: 'problem',
    message: `${hostPath} cannot be opened in the editor, because ${cause}. ${imagePath} was copied from it. Open the file from a terminal, or rename it to a valid UTF-8 name and run "Layer Lens: Refresh".`,
  };
}

function missingMessage(hostPath: string, imagePath: string): string {
  return `${hostPath} is missing: ${imagePath} was copied from it, but it was deleted or moved after the analysis. Run "Layer Lens: Refresh" to analyse the build context again.`;
}

function unreadableMessage(hostPath: string, error: unknown): string {
  return `${hostPath} could not be read: ${messageOf(error)}`;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Names a context file by its path in the build context, as the Dockerfile names it. */
function shownPath(hostPath: string, contextPath: string): string {
  return path.relative(contextPath, hostPath).split(path.sep).join('/');
}
