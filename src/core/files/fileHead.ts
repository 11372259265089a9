/**
 * Reading the first bytes of a file synchronously, for checks that run inside a synchronous
 * prediction step. Like `openRegularFile`, the file is opened non-blocking and checked with
 * `fstat`, so a FIFO or device never stalls the read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The first bytes of a regular file, and its whole size. */
export interface FileHead {
  bytes: Buffer;
  size: number;
}

/**
 * Reads up to `maxBytes` from the start of the regular file at `path`. Returns `undefined` when
 * the path cannot be opened, is a symlink (its target may lie outside the folder the caller
 * trusts), or is not a regular file.
 */
export function readFileHead(path: string | Buffer, maxBytes: number): FileHead | undefined {
  let descriptor: number | undefined;
  try {
    // Windows has neither flag, and no FIFOs in the file system.
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return undefined;
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes));
    let read = 0;
    while (read < buffer.length) {
      const count = readSync(descriptor, buffer, read, buffer.length - read, read);
      if (count === 0) break;
      read += count;
    }
    return { bytes: buffer.subarray(0, read), size: stats.size };
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
