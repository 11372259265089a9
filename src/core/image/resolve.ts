/**
 * Finds an image's config and layer blobs in a store: from docker-archive's `manifest.json`
 * (legacy and Engine 25+ layouts alike) or from an OCI `index.json`, following nested indexes
 * and choosing a platform from multi-platform ones.
 */
import { createHash } from 'node:crypto';
import { ArchiveError } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import { DirectoryStore } from './directoryStore';
import {
  blobPath, digestInPath, isIndex, parseDockerManifest, parseIndex, parseJson, parseManifest, type Descriptor, type DockerManifestEntry,
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
/** The full image name that containerd-based tools write next to the short ref name. */
const CONTAINERD_NAME = 'io.containerd.image.name';

/**
 * Resolves the image to read. `image` chooses one of several: a RepoTag of `manifest.json`, or the
 * `org.opencontainers.image.ref.name` (or containerd image name) annotation of an OCI index entry.
 * Without it, an archive of several images reads the first, with a problem that lists them.
 */
export async function resolveImage(store: ImageStore, platform: string, image?: string): Promise<ResolvedImage> {
  if (await store.has('manifest.json')) return resolveDockerManifest(store, image);
  if (await store.has('index.json')) return resolveOciIndex(store, platform, image);
  // A tar with an index.json is an OCI archive, and a folder with one is an OCI layout.
  const ociSource = store instanceof DirectoryStore ? 'an OCI layout' : 'an OCI archive';
  throw new ArchiveError(`${store.label} is neither a docker-archive (no manifest.json) nor ${ociSource} (no index.json).`);
}

async function resolveDockerManifest(store: ImageStore, requested: string | undefined): Promise<ResolvedImage> {
  const label = `${store.label}: manifest.json`;
  const images = parseDockerManifest(parseJson(await store.readBytes('manifest.json'), label), label);
  const problems: string[] = [];
  let image = images[0];
  let reference: string | null = image.repoTags[0] ?? null;
  if (requested !== undefined) {
    image = images.find((entry) => matchingTag(entry, requested) !== undefined) ?? notFound(store, describeRequestedTag(requested), images.map(describeImage));
    reference = matchingTag(image, requested) ?? null;
  } else if (images.length > 1) {
    problems.push(`${store.label} contains ${images.length} images (${images.map(describeImage).join(', ')}); the first is read. Choose another with --image NAME.`);
  }
  return {
    layout: 'docker-archive',
    reference,
    platform: null,
    platforms: [],
    configPath: memberPath(image.config, label),
    configDigest: digestInPath(image.config) ?? null,
    layers: image.layers.map((path) => ({ path: memberPath(path, label), blobDigest: digestInPath(path) ?? null })),
    problems,
  };
}

/**
 * Returns the RepoTag of `image` that `requested` names, with `:latest` added to a name without a
 * tag as Docker adds it, or the image ID when `requested` is the config's digest (`sha256:` and hex,
 * at least 12 digits of it). Returns `undefined` when `requested` names another image.
 */
function matchingTag(image: DockerManifestEntry, requested: string): string | undefined {
  const withTag = hasTag(requested) ? requested : `${requested}:latest`;
  const tag = image.repoTags.find((repoTag) => repoTag === requested || repoTag === withTag);
  if (tag !== undefined) return tag;
  const id = digestInPath(image.config);
  const hex = requested.replace(/^sha256:/, '');
  if (id !== undefined && /^[0-9a-f]{12,64}$/.test(hex) && id.startsWith(`sha256:${hex}`)) return image.repoTags[0] ?? id;
  return undefined;
}

function hasTag(name: string): boolean {
  return /:[^/]*$/.test(name);
}

/** Names the tag that `matchingTag` looks for, saying so when `:latest` was added to `requested`. */
function describeRequestedTag(requested: string): string {
  return hasTag(requested) ? requested : `${requested}:latest (a name without a tag means :latest)`;
}

/** Names an image of `manifest.json` by its tags, or by its config when it has none. */
function describeImage(image: DockerManifestEntry): string {
  if (image.repoTags.length > 0) return image.repoTags.join(', ');
  return `untagged ${digestInPath(image.config) ?? image.config}`;
}

/** The maximum number of image names that a "no image named" error lists. */
const LISTED_NAMES = 5;

/** An archive or layout that has no image of the requested name. */
export class ImageNotFoundError extends ArchiveError {}

function notFound(store: ImageStore, requested: string, names: string[]): never {
  const rest = names.length - LISTED_NAMES;
  const listed = rest > 0 ? `${names.slice(0, LISTED_NAMES).join(', ')} and ${rest} more` : names.join(', ');
  throw new ImageNotFoundError(`${store.label} has no image named ${requested}; it contains ${listed}.`);
}

async function resolveOciIndex(store: ImageStore, platform: string, image: string | undefined): Promise<ResolvedImage> {
  const target = parsePlatform(platform);
  if (!target) throw new ArchiveError(`${platform} is not a platform: use OS/ARCH or OS/ARCH/VARIANT, such as linux/amd64.`);
  const found = await findManifest(store, await readVerified(store, 'index.json', null), target, new Set(), 0, image);
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

/**
 * Walks an index depth first for the manifest of `target`, listing every platform it offers.
 * `image`, when given, first keeps the top-level entries with that name.
 */
async function findManifest(store: ImageStore, index: unknown, target: Platform, seen: Set<string>, depth: number, image?: string): Promise<FoundManifest> {
  if (depth > MAX_INDEX_DEPTH) throw new ArchiveError(`${store.label}: indexes nest deeper than ${MAX_INDEX_DEPTH} levels.`);
  let descriptors = parseIndex(index, `${store.label}: index`).filter((descriptor) => descriptor.annotations[ATTESTATION] === undefined);
  if (descriptors.length === 0) throw new ArchiveError(`${store.label}: the index lists no image manifest.`);
  if (image !== undefined) {
    const named = descriptors.filter((descriptor) => ociNames(descriptor).includes(image));
    if (named.length === 0) notFound(store, image, describeIndex(descriptors));
    descriptors = named;
  }
  const platforms = descriptors.flatMap((descriptor) => (descriptor.platform ? [formatPlatform(descriptor.platform)] : []));
  const chosen = descriptors.length === 1 && !descriptors[0].platform
    ? descriptors[0]
    : descriptors.find((descriptor) => descriptor.platform && platformMatches(descriptor.platform, target));
  if (!chosen && platforms.length === 0) {
    throw new ArchiveError(`${store.label} contains ${descriptors.length} images (${describeIndex(descriptors).join(', ')}); choose one with --image NAME.`);
  }
  if (!chosen) {
    throw new ArchiveError(`${store.label} has no image for ${formatPlatform(target)}; it has ${platforms.join(', ')}. Choose one with --platform.`);
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

/** Returns the names an OCI index entry has: its ref name and its containerd image name. */
function ociNames(descriptor: Descriptor): string[] {
  return [descriptor.annotations[REF_NAME], descriptor.annotations[CONTAINERD_NAME]].filter((name): name is string => typeof name === 'string');
}

/** Names the entries of an index, by name where they have one, else by digest. */
function describeIndex(descriptors: Descriptor[]): string[] {
  return descriptors.map((descriptor) => ociNames(descriptor)[0] ?? `unnamed ${descriptor.digest}`);
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
