/**
 * An image store over a docker-archive or oci-archive tar read in one pass, as the engine's
 * `GET /images/{name}/get` streams it. Members arrive in any order (docker-archive writes
 * `manifest.json` last). Every layer-like member is therefore parsed as it passes and kept as a
 * changeset, and small JSON members are kept as bytes. Nothing is written to disk.
 */
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { DEFAULT_MAX_INFLATED_BYTES, openDecompressed, peek } from '../archive/decompress';
import { ArchiveError, messageOf } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import { readTarEntries, type TarEntry } from '../archive/tarEntries';
import { ArchiveMemberStore, isLinkType, linkMember, oversizedDocumentError, TEXT_NAMES, type DocumentMember, type LinkMember } from './archiveMembers';
import { MAX_JSON_BYTES } from './formats';
import { readLayerTar, type LayerReadResult } from './layerTar';
import type { ImageStore } from './store';

type StreamedLayer = { kind: 'layer'; result: Promise<LayerReadResult> };
type Member = DocumentMember | StreamedLayer | LinkMember;

export interface ArchiveStoreOptions {
  label: string;
  maxLayerBytes?: number;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
  onLayer?: () => void;
  /** Rejects an archive that ends without its end-of-archive block, as `readTarEntries` describes. */
  requireTarEnd?: boolean;
}

/**
 * Returns the limit on a compressed archive's uncompressed bytes. The archive contains every layer,
 * so its limit is never below one layer's: raising `--max-layer-bytes` above the default raises
 * it too, as the size-limit message advises.
 */
export function archiveLimit(maxLayerBytes: number | undefined): number {
  return Math.max(DEFAULT_MAX_INFLATED_BYTES, maxLayerBytes ?? 0);
}

/** Reads an image archive stream whole and returns a store over its members. */
export async function readArchiveStore(input: Readable, options: ArchiveStoreOptions): Promise<ImageStore> {
  const members = new Map<string, Member>();
  const pending: Array<Promise<unknown>> = [];
  const counted = new PassThrough();
  counted.on('data', (chunk: Buffer) => options.onBytes?.(chunk.length));
  input.on('error', (error) => counted.destroy(error));
  const { stream } = await openDecompressed(input.pipe(counted), { label: options.label, maxBytes: archiveLimit(options.maxLayerBytes) });
  await readTarEntries(stream, async (entry) => {
    const cleaned = cleanMemberPath(entry.path);
    if ('problem' in cleaned || cleaned.path === '') return void entry.resume();
    const path = cleaned.path;
    if (isLinkType(entry.type)) {
      entry.resume();
      const link = linkMember(path, entry.type, entry.linkpath ?? '');
      if (link) members.set(path, link);
      return;
    }
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') return void entry.resume();
    if (TEXT_NAMES.test(path)) {
      members.set(path, { kind: 'bytes', bytes: await collect(detach(entry), entry.size, options.label, path) });
      return;
    }
    // An OCI blob may be a JSON document or a layer; only its first byte distinguishes them.
    const { head, rest } = await peek(detach(entry), 1);
    if (head.toString('utf8') === '{') {
      members.set(path, { kind: 'bytes', bytes: await collect(rest, entry.size, options.label, path) });
      return;
    }
    const result = readLayerTar(rest, { label: `${options.label}: ${path}`, maxBytes: options.maxLayerBytes, signal: options.signal });
    result.then(() => options.onLayer?.(), () => undefined);
    pending.push(result.catch(() => undefined));
    members.set(path, { kind: 'layer', result });
  }, { label: options.label, signal: options.signal, requireEnd: options.requireTarEnd });
  await Promise.all(pending);
  return new ArchiveStore(options.label, members);
}

/** A store over a streamed archive, whose layers were parsed while the stream passed them. */
class ArchiveStore extends ArchiveMemberStore<StreamedLayer> {
  readonly layerConcurrency = 1;

  async readLayer(path: string): Promise<LayerReadResult> {
    return this.layerAt(path).result;
  }
}

/**
 * Gives an entry's body its own stream. If the layer reader stops early (a corrupt blob), the
 * rest of the body is drained, so that the outer archive goes on to its next member.
 */
function detach(entry: TarEntry): Readable {
  const body = new PassThrough();
  let ended = false;
  entry.on('data', (chunk: Buffer) => {
    if (!body.destroyed && !body.write(chunk)) entry.pause();
  });
  body.on('drain', () => entry.resume());
  entry.on('end', () => {
    ended = true;
    body.end();
  });
  body.on('close', () => {
    if (!ended) entry.resume();
  });
  return body;
}

async function collect(body: Readable, size: number, label: string, path: string): Promise<Buffer> {
  if (size > MAX_JSON_BYTES) {
    body.destroy();
    throw oversizedDocumentError(label, path);
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk as Buffer);
  } catch (error) {
    throw new ArchiveError(`${label}: ${path} cannot be read: ${messageOf(error)}`);
  }
  return Buffer.concat(chunks);
}
