/**
 * Generates the image-reading input: a docker-archive of 8 gzip layers with about 200,000
 * entries and 1 GB of uncompressed content. Layers rewrite files of the base layer, delete
 * files and a whole folder of the layer below with whiteouts, and the top layer marks a base
 * folder opaque, so every kind of change is on the path the reader takes.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { fileBody, fileSize } from './content';
import { TarStream } from './tarStream';

export const LAYER_COUNT = 8;
const BASE_FOLDERS = 10;
const SUBFOLDERS = 25;
const FILES_PER_FOLDER = 100;
const APP_FOLDERS = 11;
const APP_SUBFOLDERS = 20;
const REWRITE_SUBFOLDERS = 20;
const DELETED_SUBFOLDERS = 10;

export interface GeneratedImage {
  archive: string;
  /** The gzip layer blobs, also stored in the archive, for the `tar -tzf` baseline. */
  layers: string[];
  /** Entries of all layer tars together, whiteouts and directories included. */
  entries: number;
  /** Uncompressed bytes of all layer tars. */
  tarBytes: number;
  blobBytes: number;
}

interface LayerFile {
  blob: string;
  blobDigest: string;
  diffId: string;
  entries: number;
  tarBytes: number;
  blobBytes: number;
}

/** Writes the archive into `folder` and returns its path and size figures. */
export async function generateImage(folder: string): Promise<GeneratedImage> {
  await mkdir(folder, { recursive: true });
  const layers = await Promise.all(Array.from({ length: LAYER_COUNT }, (_, index) => writeLayer(folder, index)));
  const archive = join(folder, 'image.tar');
  await writeArchive(archive, layers);
  return {
    archive,
    layers: layers.map((layer) => layer.blob),
    entries: layers.reduce((sum, layer) => sum + layer.entries, 0),
    tarBytes: layers.reduce((sum, layer) => sum + layer.tarBytes, 0),
    blobBytes: layers.reduce((sum, layer) => sum + layer.blobBytes, 0),
  };
}

/** Counts and hashes what passes, for the diff ID of a tar or the digest of a blob. */
class Digest extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  value(): string {
    return 'sha256:' + this.hash.digest('hex');
  }
}

async function writeLayer(folder: string, index: number): Promise<LayerFile> {
  const blob = join(folder, `layer${index}.tar.gz`);
  const tar = new PassThrough({ highWaterMark: 1 << 20 });
  const diff = new Digest();
  const stored = new Digest();
  const written = pipeline(tar, diff, createGzip({ level: 1 }), stored, createWriteStream(blob));
  const writer = new TarStream(tar);
  const entries = await (index === 0 ? writeBaseLayer(writer) : writeUpperLayer(writer, index));
  await writer.finish();
  await written;
  return { blob, blobDigest: stored.value(), diffId: diff.value(), entries, tarBytes: diff.bytes, blobBytes: stored.bytes };
}

/** Adds the directories of `path` that are not yet in `seen`, top down. */
async function addFolders(writer: TarStream, seen: Set<string>, path: string): Promise<number> {
  let added = 0;
  const segments = path.split('/');
  for (let i = 1; i <= segments.length; i++) {
    const folder = segments.slice(0, i).join('/');
    if (seen.has(folder)) continue;
    seen.add(folder);
    await writer.add({ path: folder, type: 'Directory' });
    added++;
  }
  return added;
}

/** Adds one folder of files; `seed` makes sizes and bodies differ between layers. */
async function addFiles(writer: TarStream, seen: Set<string>, folder: string, count: number, seed: number): Promise<number> {
  let added = await addFolders(writer, seen, folder);
  for (let i = 0; i < count; i++) {
    const fileSeed = seed * 1_000_003 + i;
    await writer.add({ path: `${folder}/f${i}.dat`, type: 'File' }, fileBody(fileSize(fileSeed), fileSeed));
    added++;
  }
  return added;
}

/** Writes the base layer: `usr/share/base/dA/dB/fC.dat`, 25,000 files, and a symlink. */
async function writeBaseLayer(writer: TarStream): Promise<number> {
  const seen = new Set<string>();
  let entries = 0;
  for (let a = 0; a < BASE_FOLDERS; a++) {
    for (let b = 0; b < SUBFOLDERS; b++) {
      entries += await addFiles(writer, seen, `usr/share/base/d${a}/d${b}`, FILES_PER_FOLDER, a * 1000 + b);
    }
  }
  await writer.add({ path: 'usr/share/current', type: 'SymbolicLink', linkpath: 'base' });
  return entries + 1;
}

/**
 * Layer L: 22,000 new files under `opt/appL`, 2,000 base files rewritten under
 * `usr/share/base/dL`, and for L >= 2 whiteouts of 1,000 files and of one folder of `opt/app(L-1)`.
 * The top layer also makes `usr/share/base/d9` opaque and writes 500 files into it.
 */
async function writeUpperLayer(writer: TarStream, layer: number): Promise<number> {
  const seen = new Set<string>();
  let entries = 0;
  for (let a = 0; a < APP_FOLDERS; a++) {
    for (let b = 0; b < APP_SUBFOLDERS; b++) {
      entries += await addFiles(writer, seen, `opt/app${layer}/d${a}/d${b}`, FILES_PER_FOLDER, layer * 100_000 + a * 1000 + b);
    }
  }
  for (let b = 0; b < REWRITE_SUBFOLDERS; b++) {
    entries += await addFiles(writer, seen, `usr/share/base/d${layer}/d${b}`, FILES_PER_FOLDER, layer * 100_000 + 50_000 + b);
  }
  if (layer >= 2) entries += await addWhiteouts(writer, seen, layer - 1);
  if (layer === LAYER_COUNT - 1) {
    entries += await addFolders(writer, seen, 'usr/share/base/d9');
    await writer.add({ path: 'usr/share/base/d9/.wh..wh..opq', type: 'File' });
    entries += 1 + (await addFiles(writer, seen, 'usr/share/base/d9/fresh', 500, 999_999));
  }
  return entries;
}

/** Whites out 1,000 files of `opt/appL/d9` and the folder `opt/appL/d8` of layer `lower`. */
async function addWhiteouts(writer: TarStream, seen: Set<string>, lower: number): Promise<number> {
  let entries = 0;
  for (let b = 0; b < DELETED_SUBFOLDERS; b++) {
    const folder = `opt/app${lower}/d9/d${b}`;
    entries += await addFolders(writer, seen, folder);
    for (let i = 0; i < FILES_PER_FOLDER; i++) {
      await writer.add({ path: `${folder}/.wh.f${i}.dat`, type: 'File' });
      entries++;
    }
  }
  await writer.add({ path: `opt/app${lower}/.wh.d8`, type: 'File' });
  return entries + 1;
}

/** Writes the docker-archive: config, layer blobs, then `manifest.json` last, as `docker save` does. */
async function writeArchive(archive: string, layers: LayerFile[]): Promise<void> {
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
    history: layers.map((_, index) => ({ created: '2024-01-01T00:00:00Z', created_by: `/bin/sh -c generate layer ${index}` })),
  });
  const configDigest = createHash('sha256').update(config).digest('hex');
  const layerPaths = layers.map((layer) => `blobs/sha256/${layer.blobDigest.slice('sha256:'.length)}`);
  const manifest = JSON.stringify([{ Config: `blobs/sha256/${configDigest}`, RepoTags: ['bench/image:1'], Layers: layerPaths }]);

  const output = createWriteStream(archive);
  const writer = new TarStream(output);
  await writer.add({ path: 'blobs', type: 'Directory' });
  await writer.add({ path: 'blobs/sha256', type: 'Directory' });
  await writer.add({ path: `blobs/sha256/${configDigest}`, type: 'File' }, Buffer.from(config));
  for (const [index, layer] of layers.entries()) {
    const { size } = await stat(layer.blob);
    await writer.addStream(layerPaths[index], size, createReadStream(layer.blob));
  }
  await writer.add({ path: 'manifest.json', type: 'File' }, Buffer.from(manifest));
  await writer.add({ path: 'repositories', type: 'File' }, Buffer.from(JSON.stringify({ 'bench/image': { '1': layerPaths[layers.length - 1] } })));
  await writer.finish();
}
