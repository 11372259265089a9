/** Reads the JSON documents of an image source and checks them against the digests that name them. */
import { createHash } from 'node:crypto';
import { ArchiveError } from '../archive/errors';
import { parseJson } from './formats';
import type { ImageStore } from './store';

/** Reads a JSON member and checks it against `digest` when one is given. */
export async function readVerified(store: ImageStore, path: string, digest: string | null): Promise<unknown> {
  const bytes = await store.readBytes(path);
  if (digest) verifyBytes(bytes, digest, `${store.label}: ${path}`);
  return parseJson(bytes, `${store.label}: ${path}`);
}

export function verifyBytes(bytes: Buffer, digest: string, label: string): void {
  const actual = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
  if (actual !== digest) throw new ArchiveError(`${label} is corrupt: its content has digest ${actual}, expected ${digest}.`);
}
