/** Builds small image archives in memory for tests, following the docker-archive layout. */
import { createHash } from 'node:crypto';
import { buildTar, type TestEntry } from '../archive/tarBuilder';

export const sha256 = (bytes: Buffer | string): string => 'sha256:' + createHash('sha256').update(bytes).digest('hex');

export interface TestLayer {
  /** The blob as stored (maybe compressed) and the uncompressed tar it holds. */
  blob: Buffer;
  tar: Buffer;
}

export function plainLayer(entries: TestEntry[]): TestLayer {
  const tar = buildTar(entries);
  return { blob: tar, tar };
}

/** A history entry as the image config stores it. */
export interface TestHistoryEntry {
  created_by: string;
  empty_layer?: boolean;
  comment?: string;
}

/**
 * Returns a docker-archive with one image. `diffIds` overrides the config's diff IDs, and
 * `history` the config's history (one `step N` entry per layer by default).
 */
export function dockerArchive(layers: TestLayer[], options: { diffIds?: string[]; layerPaths?: string[]; history?: TestHistoryEntry[] } = {}): Buffer {
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: options.diffIds ?? layers.map((layer) => sha256(layer.tar)) },
    history: options.history ?? layers.map((_, index) => ({ created_by: `/bin/sh -c step ${index}` })),
  });
  const configName = sha256(config).slice('sha256:'.length) + '.json';
  const paths = options.layerPaths ?? layers.map((_, index) => `l${index}/layer.tar`);
  const manifest = JSON.stringify([{ Config: configName, RepoTags: ['test/image:1'], Layers: paths }]);
  return buildTar([
    { name: configName, body: config },
    ...layers.map((layer, index) => ({ name: `l${index}/layer.tar`, body: layer.blob })),
    { name: 'manifest.json', body: manifest },
  ]);
}
