/**
 * Reads small text files of the predicted filesystem, such as `/etc/passwd`, where their content
 * is known: a file copied from the build context, or a file of a base image the caller read.
 */
import { join } from 'node:path';
import { readRegularFile } from '../files/regularFile';
import type { LayerStack } from '../model/stack';
import type { AccountFiles } from './ownership';

export interface TextSources {
  contextRoot: string;
  /** Files of the stage's base image by absolute path, when the caller read it. */
  baseFiles?: Readonly<Record<string, string>>;
}

/** Files larger than this are not read: account files are small, and this bounds the cost. */
const maxTextBytes = 1024 * 1024;

/** Reads the text of `path` as the stack shows it; `undefined` when it cannot be known. */
export async function readImageText(stack: LayerStack, path: string, sources: TextSources): Promise<string | undefined> {
  const version = stack.lookup(path);
  if (!version || version.entry.type !== 'file') return undefined;
  const origin = version.entry.origin;
  if (origin?.kind === 'context') {
    if ((version.entry.size ?? 0) > maxTextBytes) return undefined;
    // The file may have been replaced by a FIFO since the context walk; that reads as unknown.
    const bytes = await readRegularFile(join(sources.contextRoot, ...origin.path.split('/'))).catch(() => undefined);
    return bytes?.toString('utf8');
  }
  // Layer 0 of a stage's stack is its base image.
  if (version.layer === 0) return sources.baseFiles?.[path];
  return undefined;
}

/** Reads `/etc/passwd` and `/etc/group` for `--chown` names. */
export async function readAccountFiles(stack: LayerStack, sources: TextSources): Promise<AccountFiles> {
  const [passwd, group] = await Promise.all([readImageText(stack, '/etc/passwd', sources), readImageText(stack, '/etc/group', sources)]);
  return { passwd, group };
}
