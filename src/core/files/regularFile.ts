/**
 * Opening files that others made without hanging on them: a FIFO blocks `open` until a writer
 * comes, and a device may never end. Files are opened non-blocking and checked with `fstat` on
 * the open descriptor, so a path swapped for a FIFO after an earlier `lstat` is still caught.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { decodeMemberName } from '../archive/memberNames';

/** A host path as text, or as bytes when a name in it is not valid UTF-8. */
export type HostPath = string | Buffer;

/**
 * Returns a host path as text for messages. Bytes are decoded as context names are, with `\xhh`
 * for each invalid byte.
 */
export function hostPathText(path: HostPath): string {
  return typeof path === 'string' ? path : decodeMemberName(path);
}

/** The error for a path that exists but is a directory, FIFO, socket or device. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';

  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${path} is not a regular file but a ${kind}`);
    this.name = 'NotRegularFileError';
  }
}

/** Names the kind of a non-regular file for messages. */
export function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'FIFO (named pipe)';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'special file';
}

/**
 * Opens `path` for reading when it is a regular file, following symlinks. Rejects with
 * `NotRegularFileError` for anything else, and with the usual Node errors (ENOENT, EACCES).
 */
export async function openRegularFile(path: HostPath): Promise<{ handle: FileHandle; stats: Stats }> {
  // O_NONBLOCK keeps `open` of a FIFO from waiting for a writer; it does not change how a
  // regular file reads. Windows has no such flag and no FIFOs in the file system.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotRegularFileError(hostPathText(path), describeKind(stats));
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads a regular file whole; see `openRegularFile` for what it rejects. */
export async function readRegularFile(path: HostPath): Promise<Buffer> {
  const { handle } = await openRegularFile(path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Opens a regular file as a stream that closes the file when it ends or is destroyed. */
export async function streamRegularFile(path: HostPath): Promise<Readable> {
  const { handle } = await openRegularFile(path);
  return handle.createReadStream({ autoClose: true });
}
