/**
 * The end of a tar archive: a block of zeros where the next member's header would be. A copy cut
 * off between two members has none, and reads as a shorter archive rather than a broken one, so
 * the missing end is how a truncated copy is recognised.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { detectCompression } from './decompress';

const BLOCK = 512;

/**
 * Returns whether the file at `path` is an uncompressed tar whose last member is followed by no
 * zero block. Walks the member headers; a header it cannot read ends the walk with `false`.
 */
export async function lacksTarEnd(path: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return false;
  try {
    const head = Buffer.alloc(6);
    await file.read(head, 0, head.length, 0);
    // A compressed file ends with its compressor's trailer; only a plain tar can be judged here.
    if (detectCompression(head) !== 'none') return false;
    return await walksOffTheEnd(file, (await file.stat()).size);
  } finally {
    await file.close();
  }
}

async function walksOffTheEnd(file: FileHandle, size: number): Promise<boolean> {
  const block = Buffer.alloc(BLOCK);
  for (let offset = 0; offset + BLOCK <= size; ) {
    await file.read(block, 0, BLOCK, offset);
    if (block.every((byte) => byte === 0)) return false;
    const bodySize = octalField(block, 124, 12);
    if (bodySize === undefined) return false;
    offset += BLOCK + Math.ceil(bodySize / BLOCK) * BLOCK;
  }
  return true;
}

/** Reads a NUL- or space-ended octal number field; `undefined` for anything else (such as base-256). */
function octalField(block: Buffer, start: number, length: number): number | undefined {
  const text = block.toString('latin1', start, start + length).replace(/[\0 ]+$/, '').trim();
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : undefined;
}
