/**
 * Finds an image's config and layer blobs in a store: from docker-archive's `manifest.json`
 * (legacy and Engine 25+ layouts alike) or from an OCI `index.json`, following nested indexes
 * and choosing a platform from multi-platform ones.
 */
import { createHash } from 'node:crypto';
import { ArchiveError } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import {
  blobPath, digestInPath, isIndex, parseDockerManifest, parseIndex, parseJson, parseManifest, type Descriptor,
} from './formats';
import { formatPlatform, parsePlatform, platformMatches, type Platform } from './platform';
import type { ImageStore } from './store';

export interface LayerReference {
  path: string;
  /** The digest the blob must have, when the source names one. */
  blobDigest: string | null;
}

export interface ResolvedImage {
  layout: 'docker-archive' | 'oci';
  reference: string | null;
  platform: string | null;
  platforms: string[];
  configPath: string;
  configDigest: string | null;
  layers: LayerReference[];
  problems: string[];
}

/** Maximum depth of nested indexes; real ones nest one or two levels. */
const MAX_INDEX_DEPTH = 8;

const ATTESTATION = 'vnd.docker.reference.type';
const REF_NAME = 'org.opencontainers.image.ref.name';

export async function resolveImage(store: ImageStore, platform: string): Promise<ResolvedImage> {
  if (await store.has('manifest.json')) return resolveDockerManifest(store);
  if (await store.has('index.json')) return resolveOciIndex(store, platform);
  throw new ArchiveError(`${store.label} is neither a docker-archive (no manifest.json) nor an OCI layout (no index.json).`);
}

async function resolveDockerManifest(store: ImageStore): Promise<ResolvedImage> {
  const label = `${store.label}: manifest.json`;
  const images = parseDockerManifest(parseJson(await store.readBytes('manifest.json'), label), label);
  const image = images[0];
  const problems: string[] = [];
  // NOTE: an archive of several images reads the first; choosing another is not offered yet.
  if (images.length > 1) problems.push(`${store.label} holds ${images.length} images; the first (${image.repoTags[0] ?? image.config}) is read.`);
  return {
    layout: 'docker-archive',
    reference: image.repoTags[0] ?? null,
    platform: null,
    platforms: [],
    configPath: memberPath(image.config, label),
    configDigest: digestInPath(image.config) ?? null,
    layers: image.layers.map((path) => ({ path: memberPath(path, label), blobDigest: digestInPath(path) ?? null })),
    problems,
  };
}

async function resolveOciIndex(store: ImageStore, wanted: string): Promise<ResolvedImage> {
  const target = parsePlatform(wanted);
  if (!target) throw new ArchiveError(`${wanted} is not a platform: use OS/ARCH or OS/ARCH/VARIANT, such as linux/amd64.`);
  const found = await findManifest(store, await readVerified(store, 'index.json', null), target, new Set(), 0);
  const label = `${store.label}: manifest ${found.descriptor.digest}`;
  const manifest = parseManifest(found.document, label);
  return {
    layout: 'oci',
    reference: found.reference,
    platform: found.descriptor.platform ? formatPlatform(found.descriptor.platform) : null,
    platforms: found.platforms,
    configPath: blobPath(manifest.config.digest),
    configDigest: manifest.config.digest,
    layers: manifest.layers.map((layer) => ({ path: blobPath(layer.digest), blobDigest: layer.digest })),
    problems: [],
  };
}

interface FoundManifest {
  descriptor: Descriptor;
  document: unknown;
  reference: string | null;
  platforms: string[];
}

/** Walks an index depth first for the manifest of `target`, listing every platform it offers. */
async function findManifest(store: ImageStore, index: unknown, target: Platform, seen: Set<string>, depth: number): Promise<FoundManifest> {
  if (depth > MAX_INDEX_DEPTH) throw new ArchiveError(`${store.label}: indexes nest deeper than ${MAX_INDEX_DEPTH} levels.`);
  const descriptors = parseIndex(index, `${store.label}: index`).filter((descriptor) => descriptor.annotations[ATTESTATION] === undefined);
  const platforms = descriptors.flatMap((descriptor) => (descriptor.platform ? [formatPlatform(descriptor.platform)] : []));
  if (descriptors.length === 0) throw new ArchiveError(`${store.label}: the index lists no image manifest.`);
  const chosen = descriptors.length === 1 && !descriptors[0].platform
    ? descriptors[0]
    : descriptors.find((descriptor) => descriptor.platform && platformMatches(descriptor.platform, target));
  if (!chosen) {
    throw new ArchiveError(`${store.label} has no image for ${formatPlatform(target)}; it has ${platforms.join(', ') || 'no platform-specific image'}. Choose one with --platform.`);
  }
  if (seen.has(chosen.digest)) throw new ArchiveError(`${store.label}: the index ${chosen.digest} refers to itself through nested indexes.`);
  seen.add(chosen.digest);
  const document = await readVerified(store, blobPath(chosen.digest), chosen.digest);
  if (isIndex(document)) {
    const nested = await findManifest(store, document, target, seen, depth + 1);
    const reference = nested.reference ?? chosen.annotations[REF_NAME] ?? null;
    return { ...nested, reference, platforms: nested.platforms.length > 0 ? nested.platforms : platforms };
  }
  return { descriptor: chosen, document, reference: chosen.annotations[REF_NAME] ?? null, platforms };
}

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

/** Cleans a path named by `manifest.json`; it must stay inside the archive. */
function memberPath(path: string, label: string): string {
  const cleaned = cleanMemberPath(path);
  if ('problem' in cleaned) throw new ArchiveError(`${label}: ${cleaned.problem}.`);
  return cleaned.path;
}
