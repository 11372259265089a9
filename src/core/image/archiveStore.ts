/**
 * An image store over a docker-archive or oci-archive tar read in one pass, as the engine's
 * `GET /images/{name}/get` streams it. Members arrive in any order (docker-archive writes
 * `manifest.json` last). Every layer-like member is therefore parsed as it passes and kept as a
 * changeset, and small JSON members are kept as bytes. Nothing is written to disk.
 */
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { openDecompressed, peek } from '../archive/decompress';
import { ArchiveError, messageOf } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import { readTarEntries, type TarEntry } from '../archive/tarEntries';
import { MAX_JSON_BYTES } from './formats';
import { readLayerTar, type LayerReadResult } from './layerTar';
import type { ImageStore } from './store';

type Member =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'layer'; result: Promise<LayerReadResult> }
  | { kind: 'link'; target: string };

export interface ArchiveStoreOptions {
  label: string;
  maxLayerBytes?: number;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
  onLayer?: () => void;
}

/** Names that docker-archive and OCI layouts use for JSON and small text members. */
export const TEXT_NAMES = /(^|\/)(manifest\.json|index\.json|oci-layout|repositories|VERSION|json|[0-9a-f]{64}\.json)$/;

/** Reads an image archive stream whole and returns a store over its members. */
export async function readArchiveStore(input: Readable, options: ArchiveStoreOptions): Promise<ImageStore> {
  const members = new Map<string, Member>();
  const pending: Array<Promise<unknown>> = [];
  const counted = new PassThrough();
  counted.on('data', (chunk: Buffer) => options.onBytes?.(chunk.length));
  input.on('error', (error) => counted.destroy(error));
  const { stream } = await openDecompressed(input.pipe(counted), { label: options.label });
  await readTarEntries(stream, async (entry) => {
    const cleaned = cleanMemberPath(entry.path);
    if ('problem' in cleaned || cleaned.path === '') return void entry.resume();
    const path = cleaned.path;
    if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
      entry.resume();
      const base = entry.type === 'Link' ? '' : path.slice(0, path.lastIndexOf('/') + 1);
      const target = cleanMemberPath(base + (entry.linkpath ?? ''));
      if ('path' in target) members.set(path, { kind: 'link', target: target.path });
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
  }, { label: options.label, signal: options.signal });
  await Promise.all(pending);
  return new ArchiveStore(options.label, members);
}

class ArchiveStore implements ImageStore {
  readonly layerConcurrency = 1;

  constructor(
    readonly label: string,
    private readonly members: Map<string, Member>,
  ) {}

  async has(path: string): Promise<boolean> {
    return this.resolve(path) !== undefined;
  }

  async readBytes(path: string): Promise<Buffer> {
    const member = this.resolve(path);
    if (member?.kind === 'bytes') return member.bytes;
    if (member?.kind === 'layer') throw new ArchiveError(`${this.label}: ${path} is a layer, not a JSON document.`);
    throw new ArchiveError(`${this.label}: ${path} is missing from the archive.`);
  }

  async readLayer(path: string): Promise<LayerReadResult> {
    const member = this.resolve(path);
    if (member?.kind === 'layer') return member.result;
    if (member?.kind === 'bytes') throw new ArchiveError(`${this.label}: ${path} is not a layer tar.`);
    throw new ArchiveError(`${this.label}: the layer ${path} is missing from the archive.`);
  }

  /** Follows symlinked members (docker-archive links duplicate layers), at most 8 hops. */
  private resolve(path: string): Exclude<Member, { kind: 'link' }> | undefined {
    let member = this.members.get(path);
    for (let hops = 0; member?.kind === 'link' && hops < 8; hops++) member = this.members.get(member.target);
    return member?.kind === 'link' ? undefined : member;
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
    throw new ArchiveError(`${label}: ${path} is larger than ${MAX_JSON_BYTES} bytes; it is not an image document.`);
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk as Buffer);
  } catch (error) {
    throw new ArchiveError(`${label}: ${path} cannot be read: ${messageOf(error)}`);
  }
  return Buffer.concat(chunks);
}
