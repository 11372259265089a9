/**
 * SHA-256 digests of build context files, read on request. A prediction does not hash the context,
 * because that would read every byte of every file. Only the comparison with a linked image reads
 * digests: for a file that both layers write at the same size, the digest shows whether its
 * content changed since the build.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { contextHostPath } from './hostNames';

/**
 * Returns the hex SHA-256 of a context file of `size` bytes, `null` when the comparison's budget
 * of bytes is spent, or `undefined` when the file cannot be read as such.
 */
export type ContextDigest = (relativePath: string, size: number) => string | null | undefined;

/**
 * The maximum bytes that one comparison reads. An estimate of what a few milliseconds of reading
 * from the page cache allow: the editor runs the comparison on every analysis of a linked
 * Dockerfile, and the digests are read synchronously.
 * Past it, the comparison names the files of the same size whose content it did not compare.
 */
export const DIGEST_BUDGET_BYTES = 16_000_000;

const CHUNK_BYTES = 64 * 1024;

/** The maximum number of file versions whose digests are kept. Past it the cache starts again, so that edits over a long session do not pile up. */
const MAX_KNOWN = 10_000;

/**
 * Hashes the files of the build context at `root`, each once per size and modification time, so
 * that a source of digests kept across analyses reads an unchanged file once.
 */
export class ContextDigests {
  private readonly known = new Map<string, string>();

  constructor(private readonly root: string) {}

  /**
   * Returns a digest source for one comparison, which stops reading new files once they add up to
   * `budget` bytes, and then returns `null`. A file that is not a regular file of `size` bytes
   * inside the root gets none.
   */
  forComparison(budget = DIGEST_BUDGET_BYTES): ContextDigest {
    let left = budget;
    return (relativePath, size) => {
      const inside = this.resolve(relativePath);
      if (inside === undefined) return undefined;
      const file = contextHostPath(this.root, inside);
      let stats;
      try {
        stats = lstatSync(file);
      } catch {
        return undefined;
      }
      // A symlink is not followed, because its target may lie outside the context.
      if (!stats.isFile() || stats.size !== size) return undefined;
      const key = `${inside}\0${size}\0${stats.mtimeMs}`;
      const known = this.known.get(key);
      if (known !== undefined) return known;
      if (size > left) return null;
      left -= size;
      const digest = hashFile(file, size);
      if (digest === undefined) return undefined;
      if (this.known.size >= MAX_KNOWN) this.known.clear();
      this.known.set(key, digest);
      return digest;
    };
  }

  /**
   * Returns a context path in normal form, or `undefined` when it would leave the root. The check
   * holds for escaped names too (see `contextHostPath`), because unescaping a name adds no `/`.
   */
  private resolve(relativePath: string): string | undefined {
    const inside = path.relative(this.root, path.resolve(this.root, relativePath));
    const leaves = inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside);
    return inside === '' || leaves ? undefined : inside.split(path.sep).join('/');
  }
}

/** Hashes a file, or returns `undefined` when it cannot be read or no longer has `size` bytes. */
function hashFile(file: string | Buffer, size: number): string | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    if (fstatSync(descriptor).size !== size) return undefined;
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(size, 1)));
    let read = 0;
    for (let count; (count = readSync(descriptor, buffer, 0, buffer.length, read)) > 0; ) {
      hash.update(buffer.subarray(0, count));
      read += count;
    }
    return read === size ? hash.digest('hex') : undefined;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
