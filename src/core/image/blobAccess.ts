/**
 * Access to one blob of an image on disk without reading its layers: the small JSON members
 * (manifest, index, config) through an `ImageStore`, and any one member as a stream. The image
 * stores read every layer they are asked for, so reading a single file of a single layer goes
 * through here instead.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { openDecompressed, peek } from '../archive/decompress';
import { ArchiveError, messageOf } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import { readTarEntries } from '../archive/tarEntries';
import { streamRegularFile } from '../files/regularFile';
import { openArchiveFile, type ArchiveFileStore } from './archiveFileStore';
import { documentBytes, followLinks, isLink, isLinkType, linkMember, missingLayerError, resolveMember, TEXT_NAMES, type DocumentMember, type LinkMember } from './archiveMembers';
import { DirectoryStore, locateInLayout } from './directoryStore';
import { MAX_JSON_BYTES } from './formats';
import type { LayerReadResult } from './layerTar';
import type { ImageStore } from './store';

export interface BlobAccess {
  /** The image's documents. Layers are read through `withBlob`, which reads nothing else. */
  store: ImageStore;
  /** Streams the member at `path` into `consume` and returns its result; the stream ends with it. */
  withBlob<T>(path: string, consume: (body: Readable) => Promise<T>): Promise<T>;
}

/** Opens an archive file or an OCI layout folder for `BlobAccess`. */
export async function openBlobAccess(path: string, signal?: AbortSignal): Promise<BlobAccess> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    throw new ArchiveError(`${path} cannot be read: ${messageOf(error)}`);
  }
  if (isFolder) return folderAccess(path);
  // A plain tar with plain headers is read by offset: its headers are found by seeking, and the
  // member by its offset. Other archives (compressed, PAX or GNU names) are read from the start.
  signal?.throwIfAborted();
  const indexed = await openArchiveFile(path, { signal });
  if (indexed) return indexedAccess(indexed, signal);
  const members = await scanArchive(path, signal);
  return {
    store: new DocumentStore(path, members),
    withBlob: (member, consume) => {
      // A chain of more than `MAX_LINK_HOPS` links leads nowhere, as in the other stores.
      const reached = followLinks(members, member);
      if (reached.member !== undefined && isLink(reached.member)) return Promise.reject(missingLayerError(path, member));
      return withArchiveMember(path, reached.path, consume, signal);
    },
  };
}

function indexedAccess(archive: ArchiveFileStore, signal: AbortSignal | undefined): BlobAccess {
  return {
    store: archive,
    withBlob: async (member, consume) => {
      signal?.throwIfAborted();
      const body = archive.openMember(member);
      try {
        return await consume(body);
      } finally {
        body.destroy();
      }
    },
  };
}

function folderAccess(folder: string): BlobAccess {
  return {
    store: new DirectoryStore(folder),
    withBlob: async (member, consume) => {
      const body = await streamRegularFile(await locateInLayout(folder, member));
      try {
        return await consume(body);
      } finally {
        body.destroy();
      }
    },
  };
}

/** A member that is a layer or too large to be a document, so `scanArchive` skipped its body. */
type SkippedBlob = { kind: 'blob' };
type ArchiveMember = DocumentMember | LinkMember | SkippedBlob;

/** Reads an archive once, keeping its JSON members and links and skipping every other body. */
async function scanArchive(archive: string, signal?: AbortSignal): Promise<Map<string, ArchiveMember>> {
  const members = new Map<string, ArchiveMember>();
  const { stream } = await openDecompressed(createReadStream(archive), { label: archive });
  await readTarEntries(stream, async (entry) => {
    const cleaned = cleanMemberPath(entry.path);
    if ('problem' in cleaned || cleaned.path === '') return void entry.resume();
    if (isLinkType(entry.type)) {
      entry.resume();
      const link = linkMember(cleaned.path, entry.type, entry.linkpath ?? '');
      if (link) members.set(cleaned.path, link);
      return;
    }
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') return void entry.resume();
    // An OCI blob may be a JSON document or a layer; only its first byte distinguishes them.
    const { head, rest } = await peek(Readable.from(entry), 1);
    const isDocument = TEXT_NAMES.test(cleaned.path) || head.toString('utf8') === '{';
    if (!isDocument || entry.size > MAX_JSON_BYTES) {
      rest.resume();
      members.set(cleaned.path, { kind: 'blob' });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of rest) chunks.push(chunk as Buffer);
    members.set(cleaned.path, { kind: 'bytes', bytes: Buffer.concat(chunks) });
  }, { label: archive, signal });
  return members;
}

/**
 * Reads the archive again up to the member `requested` and hands its body to `consume`; the rest
 * of the archive is not read. Only archives that `openArchiveFile` cannot index come here.
 */
async function withArchiveMember<T>(archive: string, requested: string, consume: (body: Readable) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const input = createReadStream(archive);
  let consumed: Promise<T> | undefined;
  try {
    const { stream } = await openDecompressed(input, { label: archive });
    await readTarEntries(stream, async (entry) => {
      const cleaned = cleanMemberPath(entry.path);
      if (consumed || !('path' in cleaned) || cleaned.path !== requested) return void entry.resume();
      consumed = consume(Readable.from(entry));
      await consumed;
      stop.abort();
    }, { label: archive, signal: stop.signal });
    // The archive may end while `consume` still works on the member's last bytes.
    if (consumed) return await consumed;
  } catch (error) {
    // Once the member is consumed, the reading is aborted on purpose.
    if (!consumed) throw error;
    return await consumed;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    input.destroy();
  }
  throw new ArchiveError(`${archive}: the layer ${requested} is missing from the archive.`);
}

/** The documents of an archive, as `scanArchive` kept them. */
class DocumentStore implements ImageStore {
  readonly layerConcurrency = 1;

  constructor(
    readonly label: string,
    private readonly members: Map<string, ArchiveMember>,
  ) {}

  async has(path: string): Promise<boolean> {
    return resolveMember(this.members, path) !== undefined;
  }

  async readBytes(path: string): Promise<Buffer> {
    return documentBytes(this.label, path, resolveMember(this.members, path), `is a layer or larger than ${MAX_JSON_BYTES} bytes, not an image document.`);
  }

  readLayer(path: string): Promise<LayerReadResult> {
    return Promise.reject(new ArchiveError(`${this.label}: ${path} is read through withBlob, not as a whole layer.`));
  }
}
