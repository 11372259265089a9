/**
 * Finds the image manifest to read in an OCI `index.json`: the one `--image` names, following
 * nested indexes and choosing a platform from multi-platform ones.
 */
import { ArchiveError } from '../archive/errors';
import { blobPath, isIndex, parseIndex, parseManifest, type Descriptor } from './formats';
import { candidatesWithId, idDigits, imageNotFound, nameMatches, type ImageCandidate } from './imageChoice';
import { formatPlatform, platformMatches, type Platform } from './platform';
import type { ImageStore } from './store';
import { readVerified } from './verifiedJson';

/** Maximum depth of nested indexes; real ones nest one or two levels. */
const MAX_INDEX_DEPTH = 8;

const ATTESTATION = 'vnd.docker.reference.type';
const REF_NAME = 'org.opencontainers.image.ref.name';
/** The full image name that containerd-based tools write next to the short ref name. */
const CONTAINERD_NAME = 'io.containerd.image.name';

export interface FoundManifest {
  descriptor: Descriptor;
  document: unknown;
  reference: string | null;
  platforms: string[];
}

/**
 * Finds the manifest to read from `index.json`. `image`, when given, keeps the top-level entries
 * whose ref name or containerd name it names. When it names none and has the form of an image ID,
 * it chooses the manifest whose config has that ID, whatever its platform.
 */
export async function findIndexManifest(store: ImageStore, index: unknown, target: Platform, image?: string): Promise<FoundManifest> {
  const entries = imageEntries(store, index);
  if (image === undefined) return findManifest(store, entries, target, new Set(), 0);
  const named = entries.filter((entry) => ociNames(entry).some((name) => nameMatches(name, image)));
  if (named.length > 0) return findManifest(store, named, target, new Set(), 0);

  const digits = idDigits(image);
  const withId = digits === undefined ? [] : candidatesWithId(store.label, await listIndexImages(store, entries), digits);
  if (withId.length === 0) imageNotFound(store.label, image, describeIndex(entries));
  const { entry, descriptor, document, platforms } = withId[0];
  return { descriptor, document, reference: descriptor.annotations[REF_NAME] ?? entry.annotations[REF_NAME] ?? null, platforms };
}

/** Parses an index and keeps its image entries, leaving out attestation manifests. */
function imageEntries(store: ImageStore, index: unknown): Descriptor[] {
  const descriptors = parseIndex(index, `${store.label}: index`).filter((descriptor) => descriptor.annotations[ATTESTATION] === undefined);
  if (descriptors.length === 0) throw new ArchiveError(`${store.label}: the index lists no image manifest.`);
  return descriptors;
}

function platformsOf(descriptors: Descriptor[]): string[] {
  return descriptors.flatMap((descriptor) => (descriptor.platform ? [formatPlatform(descriptor.platform)] : []));
}

/** Walks the entries of an index depth first for the manifest of `target`, listing every platform they offer. */
async function findManifest(store: ImageStore, descriptors: Descriptor[], target: Platform, seen: Set<string>, depth: number): Promise<FoundManifest> {
  if (depth > MAX_INDEX_DEPTH) throw new ArchiveError(`${store.label}: indexes nest deeper than ${MAX_INDEX_DEPTH} levels.`);
  const platforms = platformsOf(descriptors);
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
    const nested = await findManifest(store, imageEntries(store, document), target, seen, depth + 1);
    const reference = nested.reference ?? chosen.annotations[REF_NAME] ?? null;
    return { ...nested, reference, platforms: nested.platforms.length > 0 ? nested.platforms : platforms };
  }
  return { descriptor: chosen, document, reference: chosen.annotations[REF_NAME] ?? null, platforms };
}

/** An image manifest found under an entry of `index.json`, with its config digest as its ID. */
interface IndexedImage extends ImageCandidate {
  entry: Descriptor;
  descriptor: Descriptor;
  document: unknown;
  /** The platforms of the index that lists the manifest. */
  platforms: string[];
}

/**
 * Lists every image manifest under `entries`, through nested indexes, so that an image ID can
 * name the image of any platform. A manifest whose blob is absent is left out, because a layout
 * may list platforms whose images were never saved (`ctr export` without `--all-platforms`).
 */
async function listIndexImages(store: ImageStore, entries: Descriptor[]): Promise<IndexedImage[]> {
  const images: IndexedImage[] = [];
  const visit = async (entry: Descriptor, descriptor: Descriptor, platforms: string[], depth: number): Promise<void> => {
    if (depth > MAX_INDEX_DEPTH) throw new ArchiveError(`${store.label}: indexes nest deeper than ${MAX_INDEX_DEPTH} levels.`);
    const path = blobPath(descriptor.digest);
    if (!(await store.has(path))) return;
    const document = await readVerified(store, path, descriptor.digest);
    if (isIndex(document)) {
      const children = imageEntries(store, document);
      for (const child of children) await visit(entry, child, platformsOf(children), depth + 1);
      return;
    }
    const manifest = parseManifest(document, `${store.label}: manifest ${descriptor.digest}`);
    images.push({ names: ociNames(entry), id: manifest.config.digest, entry, descriptor, document, platforms });
  };
  for (const entry of entries) await visit(entry, entry, platformsOf(entries), 0);
  return images;
}

/** Returns the names an OCI index entry has: its ref name and its containerd image name. */
function ociNames(descriptor: Descriptor): string[] {
  return [descriptor.annotations[REF_NAME], descriptor.annotations[CONTAINERD_NAME]].filter((name): name is string => typeof name === 'string');
}

/** Names the entries of an index, by name where they have one, else by digest. */
function describeIndex(descriptors: Descriptor[]): string[] {
  return descriptors.map((descriptor) => ociNames(descriptor)[0] ?? `unnamed ${descriptor.digest}`);
}
