/**
 * Reads one layer blob into a changeset: writes for files, directories and links, deletions for
 * `.wh.NAME` whiteouts, and the opaque flag for `.wh..wh..opq` markers. The blob is streamed
 * once, hashing the stored bytes (blob digest) and the uncompressed tar (diff ID) on the way.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { openDecompressed, type Compression } from '../archive/decompress';
import { HashingStream } from '../archive/hashing';
import { memberType } from '../archive/listArchive';
import { clampMemberPath, cleanMemberPath } from '../archive/memberPath';
import { readTarEntries, type TarEntry, type TarEntryNames } from '../archive/tarEntries';
import { ArchiveError, NotTarArchiveError } from '../archive/errors';
import type { EntryType, LayerEntry } from '../model/layer';
import { makeLayer, type Layer } from '../model/layer';
import { ownedCopy } from '../model/ownedCopy';
import type { FolderOwner } from '../predict/baseImage';
import { baseName, parentPath } from '../model/paths';
import { TarLayerShared, TarWrite } from './tarWrite';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
/**
 * Files whose text a prediction stacked on this image reads: the user and group names of
 * `USER`, `--chown` and `chown`. They are small, so a larger one is taken as not an account file.
 */
const KEPT_TEXT_FILES: ReadonlySet<string> = new Set(['/etc/passwd', '/etc/group']);
const MAX_KEPT_TEXT_BYTES = 1024 * 1024;

/** aufs bookkeeping names (`.wh..wh.plnk`, `.wh..wh.aufs`) that are not whiteouts. */
const WHITEOUT_META_PREFIX = '.wh..wh.';

/**
 * Maximum entries in one layer; memory grows with entries, not bytes. NOTE: a guessed limit,
 * well above the largest layers expected (about a million entries).
 */
export const MAX_LAYER_ENTRIES = 5_000_000;

/** The advice for a damaged layer blob. */
const LAYER_ADVICE = 'Save or export the image again.';

export interface LayerReadOptions {
  /** Name of the blob for messages (`archive.tar: blobs/sha256/ab12...`). */
  label: string;
  maxBytes?: number;
  signal?: AbortSignal;
  /** Called with the number of stored bytes each time a chunk is read. */
  onBytes?: (bytes: number) => void;
}

export interface LayerReadResult {
  layer: Layer;
  /** Entries that were skipped or adjusted, each naming the entry. */
  problems: string[];
  /** `sha256:` digests of the stored blob and of the uncompressed tar. */
  blobDigest: string;
  diffId: string;
  compression: Compression;
  blobBytes: number;
  tarBytes: number;
  /** Text of the account files (`/etc/passwd`, `/etc/group`) the layer writes, by absolute path. */
  textFiles: ReadonlyMap<string, string>;
  /** The owner and mode of the layer's `./` entry, when it has one. */
  rootFolder?: FolderOwner;
}

/** Reads a layer blob (uncompressed, gzip, zstd, xz or bzip2 by magic bytes) into a layer. */
export async function readLayerTar(blob: Readable, options: LayerReadOptions): Promise<LayerReadResult> {
  const stored = new HashingStream(options.onBytes);
  blob.on('error', (error) => stored.destroy(error));
  let opened: Awaited<ReturnType<typeof openDecompressed>>;
  try {
    opened = await openDecompressed(blob.pipe(stored), { label: options.label, maxBytes: options.maxBytes });
  } catch (error) {
    // An unknown or broken compression leaves the blob unread: close its file now, not at GC.
    blob.destroy();
    throw error;
  }
  const { stream, compression } = opened;
  const uncompressed = new HashingStream();
  stream.on('error', (error) => uncompressed.destroy(error));
  const builder = new LayerBuilder(options.label);
  try {
    await readTarEntries(stream.pipe(uncompressed), (entry, names) => builder.add(entry, names), { label: options.label, signal: options.signal, corruptAdvice: LAYER_ADVICE });
  } catch (error) {
    // A stopped decoder leaves the blob paused with a full buffer. Inside an archive that stalls
    // the outer tar for good, so the blob is destroyed and the archive reader drains the rest.
    blob.destroy();
    // A layer blob is a tar by definition, so one that reads as something else is damaged.
    if (error instanceof NotTarArchiveError) throw corruptLayerError(error, options.label);
    throw error;
  }
  const result: LayerReadResult = {
    layer: makeLayer(builder.finish()),
    problems: builder.problems,
    blobDigest: stored.digest(),
    diffId: uncompressed.digest(),
    compression,
    blobBytes: stored.bytes,
    tarBytes: uncompressed.bytes,
    textFiles: builder.textFiles,
  };
  if (builder.rootFolder) result.rootFolder = builder.rootFolder;
  return result;
}

/** Rewords a layer blob that is no tar archive as a corrupt blob, with the advice to save the image again. */
function corruptLayerError(error: NotTarArchiveError, label: string): ArchiveError {
  const fault = error.detail === undefined ? '' : `: ${error.detail}`;
  return new ArchiveError(`${label} is corrupt: its data is not a tar archive${fault}. ${LAYER_ADVICE}`, { cause: error });
}

/** Turns tar entries into layer entries, one path each; a later duplicate replaces an earlier. */
class LayerBuilder {
  readonly problems: string[] = [];
  /** Bodies kept for a prediction that stacks on this image: it reads user and group names from them. */
  readonly textFiles = new Map<string, string>();
  /** The owner and mode of the layer's `./` entry, when it has one. */
  rootFolder: FolderOwner | undefined;
  private readonly entries: LayerEntry[] = [];
  private readonly indexByPath = new Map<string, number>();
  private readonly opaqueDirectories = new Set<string>();
  private readonly shared = new TarLayerShared();
  private count = 0;

  constructor(private readonly label: string) {}

  add(entry: TarEntry, names: TarEntryNames = {}): void | Promise<void> {
    if (++this.count > MAX_LAYER_ENTRIES) {
      throw new ArchiveError(`${this.label} has more than ${MAX_LAYER_ENTRIES} entries, the limit for one layer.`);
    }
    const cleaned = cleanMemberPath(names.path ?? entry.path, 'layer');
    if ('problem' in cleaned) return this.skip(entry, `${this.label}: ${cleaned.problem}; the entry is skipped${dockerPlacement(names.path ?? entry.path)}.`);
    if (cleaned.path === '') {
      this.noteRootFolder(entry);
      return this.skip(entry);
    }
    const path = '/' + cleaned.path;
    const name = baseName(path);
    if (name.startsWith(WHITEOUT_PREFIX)) return this.skip(entry, this.addWhiteout(path, name, entry.path));
    return this.addWrite(entry, path, names);
  }

  finish(): LayerEntry[] {
    // The opaque marker may come before or after its directory's own entry, so apply it last.
    for (const directory of this.opaqueDirectories) {
      const index = this.indexByPath.get(directory);
      const existing = index === undefined ? undefined : this.entries[index];
      if (existing?.op === 'write' && existing.type === 'directory') existing.opaque = true;
      else this.put({ op: 'write', path: directory, type: 'directory', size: 0, mode: null, uid: null, gid: null, opaque: true, certainty: 'exact' });
    }
    // The blob's stream outlives the read by a callback or two and its listeners hold this
    // builder, so the index of every path would stay alive while the caller stacks the layers.
    this.indexByPath.clear();
    return this.entries;
  }

  /**
   * Keeps the owner and mode of a `./` entry, which the layer stores for no path. Docker Engine
   * 20.10 applied them to `/` on vfs storage, so they may decide who can write there.
   */
  private noteRootFolder(entry: TarEntry): void {
    if (memberType(entry.type) === 'directory') this.rootFolder = { mode: (entry.mode ?? 0) & 0o7777, uid: entry.uid ?? null, gid: entry.gid ?? null };
  }

  private skip(entry: TarEntry, problem?: string): void {
    if (problem) this.problems.push(problem);
    entry.resume();
  }

  private addWhiteout(path: string, name: string, rawName: string): string | undefined {
    const directory = parentPath(path);
    if (name === OPAQUE_MARKER) {
      this.opaqueDirectories.add(directory);
      return undefined;
    }
    if (name.startsWith(WHITEOUT_META_PREFIX)) return undefined;
    const target = name.slice(WHITEOUT_PREFIX.length);
    if (target === '' || target === '.' || target === '..') {
      return `${this.label}: the whiteout ${JSON.stringify(rawName)} names no file; it is skipped.`;
    }
    const deleted = directory === '/' ? '/' + target : directory + '/' + target;
    this.put({ op: 'delete', path: deleted, certainty: 'exact', origin: { kind: 'layer-tar', name: rawName } });
    return undefined;
  }

  private addWrite(entry: TarEntry, path: string, names: TarEntryNames): void | Promise<void> {
    const type = memberType(entry.type) ?? 'file';
    if (!memberType(entry.type)) {
      // NOTE: the model has no type for devices, FIFOs and sockets; they count as empty files.
      this.problems.push(`${this.label}: ${entry.path} is a ${entry.type} entry, listed as an empty file.`);
    }
    const write = newWrite(this.shared, entry, path, type);
    if (names.linkpath !== undefined) {
      return this.skip(entry, `${this.label}: the link ${entry.path} has a target ${JSON.stringify(names.linkpath)} that contains a NUL character; the entry is skipped.`);
    }
    // node-tar cuts the target from its header field, which a slice would keep alive.
    if (type === 'symlink') write.linkTarget = ownedCopy(entry.linkpath ?? '');
    if (type === 'hardlink') {
      const target = cleanMemberPath(entry.linkpath ?? '', 'layer');
      if ('problem' in target) return this.skip(entry, `${this.label}: hard link ${entry.path}: ${target.problem}; the entry is skipped.`);
      write.linkTarget = '/' + target.path;
      this.checkLinkTarget(entry.path, write.linkTarget);
    }
    this.put(write);
    // A later entry of the same path replaces the earlier one, its text included.
    if (this.textFiles.size > 0) this.textFiles.delete(path);
    if (type !== 'file' || entry.size === 0) return this.skip(entry);
    const keepText = entry.size <= MAX_KEPT_TEXT_BYTES && KEPT_TEXT_FILES.has(path);
    return digestBody(entry, keepText ? (text) => this.textFiles.set(path, text) : undefined).then((digest) => write.setDigest(digest));
  }

  /**
   * Flags a hard link whose target no earlier entry of the layer wrote as a file. An extractor
   * creates the link from a file it has already written, so such a link cannot be made.
   */
  private checkLinkTarget(name: string, target: string): void {
    const index = this.indexByPath.get(target);
    const existing = index === undefined ? undefined : this.entries[index];
    if (existing?.op === 'write' && existing.type !== 'directory') return;
    this.problems.push(`${this.label}: hard link ${name} points to ${target}, which is not a file written earlier in the layer; it is listed as a hard link to a missing target.`);
  }

  private put(entry: LayerEntry): void {
    const index = this.indexByPath.get(entry.path);
    if (index === undefined) {
      this.indexByPath.set(entry.path, this.entries.length);
      this.entries.push(entry);
      return;
    }
    this.problems.push(`${this.label}: ${entry.path} appears more than once; the last entry is used.`);
    this.entries[index] = entry;
  }
}

/**
 * Returns where Docker puts a member whose name climbs above the root, after a comma: it extracts
 * a layer chrooted to the root folder, where `..` stops at `/`. Checked with `docker load` and
 * `docker export` on Docker 20.10.24 (overlay2): `../../escape` lands at `/escape`. A name with a
 * NUL gets nothing.
 */
function dockerPlacement(name: string): string {
  const clamped = clampMemberPath(name);
  if ('problem' in clamped || !clamped.clamped || clamped.path === '') return '';
  return `, but Docker 20.10 stores it as /${clamped.path}, since its ".." stops at the root`;
}

/** Makes the write of a tar entry; a file with content gets its digest once its body is read. */
function newWrite(shared: TarLayerShared, entry: TarEntry, path: string, type: EntryType): TarWrite {
  const size = type === 'file' ? entry.size : 0;
  return new TarWrite(shared, path, type, size, entry.mode ?? 0, entry.uid ?? null, entry.gid ?? null, entry.path);
}

/**
 * Hashes an entry's body as it streams and resolves to its SHA-256, passing the body to `onText`
 * as UTF-8 text when given. The parser moves on once the body is consumed.
 */
function digestBody(entry: TarEntry, onText?: (text: string) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      // A copy, because the chunk is a view of a much larger buffer of the decoder.
      if (onText) chunks.push(Buffer.from(chunk));
    });
    entry.on('end', () => {
      if (onText) onText(Buffer.concat(chunks).toString('utf8'));
      resolve(hash.digest());
    });
    entry.on('error', reject);
  });
}
