/**
 * The JSON documents of image sources, checked for the fields the readers use: docker-archive's
 * `manifest.json`, OCI indexes and manifests, and the image config.
 */
import { ArchiveError } from '../archive/errors';
import type { Platform } from './platform';
import type { HistoryEntry } from './types';

/** Maximum bytes of one JSON document; real ones are a few kilobytes. NOTE: a guessed bound. */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface DockerManifestEntry {
  config: string;
  repoTags: string[];
  layers: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations: Record<string, string>;
}

export interface ImageConfig {
  raw: Record<string, unknown>;
  diffIds: string[];
  /** `null` when the config has no history at all. */
  history: HistoryEntry[] | null;
  platform: Platform | undefined;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Parses JSON bytes, naming `label` when they are too large or invalid. */
export function parseJson(bytes: Buffer, label: string): unknown {
  if (bytes.length > MAX_JSON_BYTES) throw new ArchiveError(`${label} is larger than ${MAX_JSON_BYTES} bytes; it is not an image document.`);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ArchiveError(`${label} is not valid JSON: ${(error as Error).message}.`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks a digest string; only SHA-256 digests are read. */
export function checkDigest(value: unknown, label: string): string {
  if (typeof value === 'string' && DIGEST.test(value)) return value;
  throw new ArchiveError(`${label}: ${JSON.stringify(value)} is not a sha256 digest (sha256: and 64 lower-case hex digits).`);
}

/** Returns the archive path of the blob with `digest` in an OCI layout. */
export function blobPath(digest: string): string {
  return 'blobs/sha256/' + digest.slice('sha256:'.length);
}

/** Returns the digest that a member path names (`blobs/sha256/HEX` or `HEX.json`), if any. */
export function digestInPath(path: string): string | undefined {
  const match = /^(?:blobs\/sha256\/([0-9a-f]{64})|([0-9a-f]{64})\.json)$/.exec(path);
  return match ? 'sha256:' + (match[1] ?? match[2]) : undefined;
}

export function parseDockerManifest(value: unknown, label: string): DockerManifestEntry[] {
  if (!Array.isArray(value) || value.length === 0) throw new ArchiveError(`${label} must be a non-empty list of images.`);
  return value.map((item, index) => {
    if (!isRecord(item) || typeof item.Config !== 'string' || !isStringList(item.Layers)) {
      throw new ArchiveError(`${label}: image ${index} needs "Config" (a path) and "Layers" (a list of paths).`);
    }
    return { config: item.Config, repoTags: isStringList(item.RepoTags) ? item.RepoTags : [], layers: item.Layers };
  });
}

function parseDescriptor(value: unknown, label: string): Descriptor {
  if (!isRecord(value) || typeof value.mediaType !== 'string') throw new ArchiveError(`${label}: a descriptor needs "mediaType", "digest" and "size".`);
  const descriptor: Descriptor = {
    mediaType: value.mediaType,
    digest: checkDigest(value.digest, label),
    size: typeof value.size === 'number' ? value.size : -1,
    annotations: isRecord(value.annotations) ? (value.annotations as Record<string, string>) : {},
  };
  const platform = value.platform;
  if (isRecord(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string') {
    descriptor.platform = { os: platform.os, architecture: platform.architecture };
    if (typeof platform.variant === 'string' && platform.variant) descriptor.platform.variant = platform.variant;
  }
  return descriptor;
}

/** Parses an OCI index (or a Docker manifest list, which has the same shape). */
export function parseIndex(value: unknown, label: string): Descriptor[] {
  if (!isRecord(value) || !Array.isArray(value.manifests)) throw new ArchiveError(`${label} is not an image index: "manifests" is missing.`);
  return value.manifests.map((item) => parseDescriptor(item, label));
}

/** Parses an image manifest: the config descriptor and the layer descriptors. */
export function parseManifest(value: unknown, label: string): { config: Descriptor; layers: Descriptor[] } {
  if (!isRecord(value) || !Array.isArray(value.layers)) throw new ArchiveError(`${label} is not an image manifest: "layers" is missing.`);
  return { config: parseDescriptor(value.config, label), layers: value.layers.map((item) => parseDescriptor(item, label)) };
}

/** Returns whether a JSON document is an index (it lists manifests) rather than a manifest. */
export function isIndex(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.manifests);
}

export function parseConfig(value: unknown, label: string): ImageConfig {
  if (!isRecord(value) || !isRecord(value.rootfs) || !isStringList(value.rootfs.diff_ids)) {
    throw new ArchiveError(`${label} is not an image config: "rootfs.diff_ids" is missing.`);
  }
  const diffIds = value.rootfs.diff_ids.map((digest) => checkDigest(digest, `${label} rootfs.diff_ids`));
  const history = Array.isArray(value.history) ? value.history.map(toHistoryEntry) : null;
  const platform = typeof value.os === 'string' && typeof value.architecture === 'string'
    ? { os: value.os, architecture: value.architecture, ...(typeof value.variant === 'string' && value.variant ? { variant: value.variant } : {}) }
    : undefined;
  return { raw: value, diffIds, history, platform };
}

function toHistoryEntry(value: unknown): HistoryEntry {
  const item = isRecord(value) ? value : {};
  const entry: HistoryEntry = { createdBy: typeof item.created_by === 'string' ? item.created_by : '', emptyLayer: item.empty_layer === true };
  if (typeof item.comment === 'string') entry.comment = item.comment;
  if (typeof item.created === 'string') entry.created = item.created;
  return entry;
}
