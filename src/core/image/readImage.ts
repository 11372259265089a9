/**
 * Reads an image from an archive, an OCI layout folder or the container engine into the shared
 * model: the config, the history paired with the layers, and one changeset per layer, with every
 * blob's digest checked while it streams.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ArchiveError, messageOf } from '../archive/errors';
import { lacksTarEnd } from '../archive/tarEnd';
import { openArchiveFile } from './archiveFileStore';
import { readArchiveStore } from './archiveStore';
import { DirectoryStore } from './directoryStore';
import { exportWithoutImageError, readEngineExport } from './engine/exportStore';
import { findEntriesBelowLinks } from './entriesBelowLinks';
import { parseConfig } from './formats';
import { pairHistory } from './history';
import type { LayerReadResult } from './layerTar';
import { formatPlatform, hostPlatform, parsePlatform } from './platform';
import { describeIndexConfigMismatch, describePlatformMismatch, findPlatformMismatch } from './platformMismatch';
import { NotImageError, readVerified, resolveImage, type LayerReference } from './resolve';
import { IMAGE_SOURCE_HINT } from './sourceHint';
import type { ImageStore } from './store';
import type { ImageData, ImageFormat, ImageLayer, ImageSource, ReadImageOptions } from './types';

/**
 * Options of `readImage`. `image` chooses one image of an archive or layout that contains several,
 * by a RepoTag of `manifest.json` or an OCI index entry's ref name (see `resolveImage`).
 */
export type ReadImageChoice = ReadImageOptions & { image?: string };

/** Reads an image; rejects with an `ArchiveError` whose message names the source and the blob. */
export async function readImage(source: ImageSource, options: ReadImageChoice = {}): Promise<ImageData> {
  const platform = options.platform ?? hostPlatform();
  if (!parsePlatform(platform)) throw new ArchiveError(`${platform} is not a platform: use OS/ARCH or OS/ARCH/VARIANT, such as linux/amd64.`);
  const progress = new ProgressTracker(options);
  const { store, isFolder } = await openStore(source, options, progress);
  const resolved = await resolveImage(store, platform, options.image).catch(async (error: unknown) => {
    throw await withSourceAdvice(error, source, isFolder);
  });
  const problems = [...resolved.problems];
  const configLabel = `${store.label}: ${resolved.configPath}`;
  const config = parseConfig(await readVerified(store, resolved.configPath, resolved.configDigest), configLabel);
  if (config.diffIds.length !== resolved.layers.length) {
    throw new ArchiveError(`${store.label}: the manifest lists ${resolved.layers.length} layers but the config has ${config.diffIds.length} diff IDs.`);
  }
  progress.setLayerCount(resolved.layers.length);
  // Each layer keeps its own problems, so their order does not depend on which layer finished first.
  const layerProblems: string[][] = resolved.layers.map(() => []);
  const layers = await mapConcurrently(resolved.layers, store.layerConcurrency, async (reference, index) => {
    const layer = await readLayer(store, reference, config.diffIds[index], layerProblems[index]);
    progress.layerDone();
    return layer;
  });
  for (const list of layerProblems) problems.push(...list);
  problems.push(...findEntriesBelowLinks(layers, store.label));
  const imagePlatform = resolved.platform ?? (config.platform ? formatPlatform(config.platform) : null);
  // An archive of one image has no index to choose from, so it is read whatever the platform requested.
  const mismatch = findPlatformMismatch(options.platform, imagePlatform, resolved.platforms);
  if (mismatch) problems.push(`${store.label}: ${describePlatformMismatch(mismatch)}`);
  const contradiction = describeIndexConfigMismatch(resolved.platform, config.platform);
  if (contradiction) problems.push(`${store.label}: ${contradiction}`);
  let format: ImageFormat = 'docker-archive';
  if (resolved.layout === 'oci') format = isFolder ? 'oci-layout' : 'oci-archive';
  return {
    source: sourceLabel(source),
    format,
    reference: resolved.reference,
    platform: imagePlatform,
    platforms: resolved.platforms,
    configDigest: resolved.configDigest,
    config: config.raw,
    layers,
    steps: pairHistory(config.history, layers.length, problems),
    problems,
  };
}

async function readLayer(store: ImageStore, reference: LayerReference, diffId: string, problems: string[]): Promise<ImageLayer> {
  const result: LayerReadResult = await store.readLayer(reference.path);
  // Named by its member, not by a number: the report numbers history entries, empty ones
  // included, while the config's diff IDs count only layers, so a number would point at another row.
  const label = `${store.label}: layer ${reference.path}`;
  if (reference.blobDigest && result.blobDigest !== reference.blobDigest) {
    throw new ArchiveError(`${label} is corrupt: its blob has digest ${result.blobDigest}, expected ${reference.blobDigest}.`);
  }
  if (result.diffId !== diffId) {
    throw new ArchiveError(`${label} is corrupt: its uncompressed tar has digest ${result.diffId}, but the config's diff ID is ${diffId}.`);
  }
  problems.push(...result.problems);
  const layer: ImageLayer = {
    diffId,
    blobDigest: reference.blobDigest ?? result.blobDigest,
    member: reference.path,
    compression: result.compression,
    blobBytes: result.blobBytes,
    tarBytes: result.tarBytes,
    layer: result.layer,
    textFiles: result.textFiles,
  };
  if (result.rootFolder) layer.rootFolder = result.rootFolder;
  return layer;
}

/**
 * Adds to an error about an archive's contents that the file looks cut off, when it lacks the
 * blocks that end a tar archive: a copy cut between two members reads as a smaller archive.
 * Otherwise a source that contains no image gets the sources to pass instead.
 */
async function withSourceAdvice(error: unknown, source: ImageSource, isFolder: boolean): Promise<unknown> {
  if (!(error instanceof ArchiveError)) return error;
  // The user named an engine image, so the sources to pass instead do not help there.
  if (source.kind === 'engine') return error instanceof NotImageError ? exportWithoutImageError(source, sourceLabel(source)) : error;
  if (source.kind === 'path' && !isFolder && (await lacksTarEnd(source.path))) {
    return new ArchiveError(`${error.message} The file also ends without the empty blocks that close a tar archive, so it is probably truncated: copy or save it again.`);
  }
  return error instanceof NotImageError ? new NotImageError(`${error.message} ${IMAGE_SOURCE_HINT}`) : error;
}

async function openStore(source: ImageSource, options: ReadImageOptions, progress: ProgressTracker): Promise<{ store: ImageStore; isFolder: boolean }> {
  const storeOptions = { maxLayerBytes: options.maxLayerBytes, signal: options.signal, onBytes: (bytes: number) => progress.addBytes(bytes) };
  if (source.kind === 'stream') {
    return { store: await readArchiveStore(source.stream, { ...storeOptions, label: source.label }), isFolder: false };
  }
  if (source.kind === 'engine') {
    return { store: await readEngineExport(source, { ...storeOptions, label: sourceLabel(source) }), isFolder: false };
  }
  let isFolder: boolean;
  try {
    const info = await stat(source.path);
    isFolder = info.isDirectory();
    if (info.isFile() && info.size === 0) throw new ArchiveError(`${source.path} is empty (0 bytes). ${IMAGE_SOURCE_HINT}`);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ArchiveError(`${source.path} not found. ${IMAGE_SOURCE_HINT}`);
    }
    throw new ArchiveError(`${source.path} cannot be read: ${messageOf(error)}`);
  }
  if (isFolder) return { store: new DirectoryStore(source.path, storeOptions), isFolder };
  const seekable = await openArchiveFile(source.path, storeOptions);
  if (seekable) return { store: seekable, isFolder };
  return { store: await readArchiveStore(createReadStream(source.path), { ...storeOptions, label: source.path }), isFolder };
}

function sourceLabel(source: ImageSource): string {
  if (source.kind === 'engine') return `docker://${source.name}`;
  return source.kind === 'path' ? source.path : source.label;
}

/** Runs `work` over `items` with at most `limit` at once, keeping the order of results. */
async function mapConcurrently<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Reports progress at most every 64 KiB of input, and at each finished layer. */
class ProgressTracker {
  private bytes = 0;
  private reported = 0;
  private layersRead = 0;
  private layers: number | null = null;

  constructor(private readonly options: ReadImageOptions) {}

  addBytes(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes - this.reported >= 64 * 1024) this.report();
  }

  setLayerCount(count: number): void {
    this.layers = count;
  }

  layerDone(): void {
    this.layersRead++;
    this.report();
  }

  private report(): void {
    this.reported = this.bytes;
    this.options.onProgress?.({ layersRead: this.layersRead, layers: this.layers, bytes: this.bytes });
  }
}
