/**
 * Reads one file as one layer of an image has it, on demand: only that layer's blob is streamed,
 * up to the file's entry, and nothing is extracted to disk. The manifest and config are checked
 * against their digests; the layer blob is not, because that would take reading all of it.
 */
import type { Readable } from 'node:stream';
import { openDecompressed } from '../archive/decompress';
import { ArchiveError } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import { readTarEntries, type TarEntry } from '../archive/tarEntries';
import { normalizeImagePath } from '../model/paths';
import { openBlobAccess } from './blobAccess';
import { parseConfig } from './formats';
import { hostPlatform } from './platform';
import { readVerified, resolveImage } from './resolve';
import type { ImageSource } from './types';

/** Largest file that is read from a layer by default: 16 MiB, since the file is held in memory. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ReadLayerFileOptions {
  maxBytes?: number;
  /** `os/arch[/variant]` to choose from a multi-platform index; defaults to the host's. */
  platform?: string;
  /** The image to read from an archive of several, as `readImage` takes it. */
  image?: string;
  signal?: AbortSignal;
}

/** A file's bytes, or the target of a symlink, as the layer has it. */
export type LayerFile =
  | {
      kind: 'file';
      bytes: Buffer;
      /** The entry the bytes were read from: the path itself, or a hard link's target. */
      entryPath: string;
    }
  | { kind: 'symlink'; target: string };

/** The entry for a path in one layer tar, as the scan found it. */
type Found =
  | { kind: 'file'; bytes: Buffer }
  | { kind: 'symlink'; target: string }
  | { kind: 'hardlink'; target: string }
  | { kind: 'directory' | 'special' | 'deleted' };

/**
 * Reads `path` from a layer of the image at `source`: the layer's index in the config's diff IDs,
 * or its diff ID. A hard link is followed to its target entry in the same layer. Rejects with an
 * `ArchiveError` that names the layer when the layer does not write the path as a file or
 * symlink, or when the file is larger than `maxBytes`.
 * NOTE: only images on disk are read; an engine image must be saved to an archive first.
 */
export async function readLayerFile(source: ImageSource, layer: number | string, path: string, options: ReadLayerFileOptions = {}): Promise<LayerFile> {
  if (source.kind !== 'path') {
    throw new ArchiveError('Files can be opened from layers of image archives and OCI layout folders only: save the image with `docker save -o FILE NAME` and link the archive.');
  }
  const target = normalizeImagePath(path);
  const access = await openBlobAccess(source.path, options.signal);
  const resolved = await resolveImage(access.store, options.platform ?? hostPlatform(), options.image);
  const config = parseConfig(await readVerified(access.store, resolved.configPath, resolved.configDigest), `${source.path}: ${resolved.configPath}`);
  const index = typeof layer === 'number' ? layer : config.diffIds.indexOf(layer);
  if (!Number.isInteger(index) || index < 0 || index >= resolved.layers.length) {
    throw new ArchiveError(`${source.path} has no layer ${String(layer)}: it has ${resolved.layers.length} layers${typeof layer === 'string' ? ', and none with that diff ID' : ''}.`);
  }
  const label = `${source.path}: layer ${index} (${config.diffIds[index] ?? resolved.layers[index].path})`;
  const scan = (requested: string) => access.withBlob(resolved.layers[index].path, (body) => findEntry(body, requested, label, options));

  const found = await scan(target);
  if (found?.kind === 'file') return { kind: 'file', bytes: found.bytes, entryPath: target };
  if (found?.kind === 'symlink') return { kind: 'symlink', target: found.target };
  if (found?.kind === 'hardlink') {
    // A tar stores a hard link's bytes only at its target's entry, earlier in the same tar.
    const linked = await scan(found.target);
    if (linked?.kind === 'file') return { kind: 'file', bytes: linked.bytes, entryPath: found.target };
    throw new ArchiveError(`${label}: ${target} is a hard link to ${found.target}, which is not a file in the same layer.`);
  }
  throw new ArchiveError(missingMessage(label, target, found));
}

function missingMessage(label: string, path: string, found: Found | undefined): string {
  switch (found?.kind) {
    case 'directory':
      return `${label}: ${path} is a directory, not a file.`;
    case 'special':
      return `${label}: ${path} is a device, FIFO or socket, which has no content to show.`;
    case 'deleted':
      return `${label}: this layer deletes ${path} (a whiteout), so it has no content here.`;
    default:
      return `${label} does not contain ${path}; a lower layer may provide it.`;
  }
}

/**
 * Scans a layer blob up to the entry of `requested` (or its whiteout) and stops there.
 * NOTE: a path listed twice in one tar is taken from its first entry, though the layer shows its last.
 */
async function findEntry(blob: Readable, requested: string, label: string, options: ReadLayerFileOptions): Promise<Found | undefined> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const whiteout = whiteoutOf(requested);
  let found: Found | undefined;
  try {
    const { stream } = await openDecompressed(blob, { label });
    await readTarEntries(stream, async (entry) => {
      const cleaned = cleanMemberPath(entry.path, 'layer');
      const path = 'path' in cleaned ? '/' + cleaned.path : '';
      if (found || (path !== requested && path !== whiteout)) return void entry.resume();
      found = path === whiteout ? { kind: 'deleted' } : await describeEntry(entry, requested, label, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
      stop.abort();
    }, { label, signal: stop.signal });
  } catch (error) {
    // Once the entry is found, the reading is aborted on purpose.
    if (!found) throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return found;
}

async function describeEntry(entry: TarEntry, path: string, label: string, maxBytes: number): Promise<Found> {
  switch (entry.type) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      if (entry.size > maxBytes) {
        entry.resume();
        throw new ArchiveError(`${label}: ${path} is ${entry.size} bytes, more than the ${maxBytes}-byte limit for opening a file from a layer.`);
      }
      return { kind: 'file', bytes: await collect(entry) };
    case 'SymbolicLink':
      entry.resume();
      return { kind: 'symlink', target: entry.linkpath ?? '' };
    case 'Link': {
      entry.resume();
      const target = cleanMemberPath(entry.linkpath ?? '', 'layer');
      if ('problem' in target) throw new ArchiveError(`${label}: the hard link ${path} is invalid: ${target.problem}.`);
      return { kind: 'hardlink', target: '/' + target.path };
    }
    case 'Directory':
      entry.resume();
      return { kind: 'directory' };
    default:
      entry.resume();
      return { kind: 'special' };
  }
}

async function collect(body: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Returns the whiteout path that deletes `path` (`/a/.wh.b` for `/a/b`). */
function whiteoutOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}.wh.${path.slice(slash + 1)}`;
}
