/**
 * Finds an image's config and layer blobs in a store: from docker-archive's `manifest.json`
 * (legacy and Engine 25+ layouts alike) or from an OCI `index.json`, following nested indexes
 * and choosing a platform from multi-platform ones.
 */
import { ArchiveError } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import { DirectoryStore } from './directoryStore';
import { blobPath, digestInPath, parseDockerManifest, parseJson, parseManifest, type DockerManifestEntry } from './formats';
import { candidatesWithId, idDigits, imageNotFound, nameMatches } from './imageChoice';
import { findIndexManifest } from './ociIndex';
import { formatPlatform, parsePlatform } from './platform';
import type { ImageStore } from './store';
import { readVerified } from './verifiedJson';

export { ImageNotFoundError } from './imageChoice';
export { readVerified, verifyBytes } from './verifiedJson';

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

/** The error for a readable tar or folder that contains no image. `readImage` adds what to pass instead. */
export class NotImageError extends ArchiveError {}

/**
 * Resolves the image to read. `image` chooses one of several, the same way in every source. It
 * matches a RepoTag of `manifest.json`, or the `org.opencontainers.image.ref.name` or containerd
 * image name annotation of an OCI index entry. Otherwise it matches an image ID or a unique prefix
 * of one (see `imageChoice.ts`). Without it, an archive of several images reads the first, with a
 * problem that lists them.
 */
export async function resolveImage(store: ImageStore, platform: string, image?: string): Promise<ResolvedImage> {
  if (await store.has('manifest.json')) return resolveDockerManifest(store, image);
  if (await store.has('index.json')) return resolveOciIndex(store, platform, image);
  // A tar with an index.json is an OCI archive, and a folder with one is an OCI layout. A folder is never a docker-archive.
  if (store instanceof DirectoryStore) throw new NotImageError(`${store.label} is a folder without index.json, so it is not an OCI layout.`);
  throw new NotImageError(`${store.label} is neither a docker-archive (no manifest.json) nor an OCI archive (no index.json).`);
}

async function resolveDockerManifest(store: ImageStore, requested: string | undefined): Promise<ResolvedImage> {
  const label = `${store.label}: manifest.json`;
  const images = parseDockerManifest(parseJson(await store.readBytes('manifest.json'), label), label);
  const problems: string[] = [];
  let image = images[0];
  let reference: string | null = image.repoTags[0] ?? null;
  if (requested !== undefined) {
    ({ image, reference } = chooseManifestEntry(store.label, images, requested));
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
 * Chooses the `manifest.json` entry that `requested` names: by a RepoTag first, as Docker looks up
 * a name before an ID, then by its image ID. Returns it with the RepoTag that names it, or its
 * first RepoTag (else its ID) when the ID chose it.
 */
function chooseManifestEntry(label: string, images: DockerManifestEntry[], requested: string): { image: DockerManifestEntry; reference: string | null } {
  for (const image of images) {
    const tag = image.repoTags.find((repoTag) => nameMatches(repoTag, requested));
    if (tag !== undefined) return { image, reference: tag };
  }
  const digits = idDigits(requested);
  const candidates = images.map((image) => ({ image, names: image.repoTags, id: digestInPath(image.config) ?? null }));
  const [match] = digits === undefined ? [] : candidatesWithId(label, candidates, digits);
  if (match === undefined) imageNotFound(label, requested, images.map(describeImage));
  return { image: match.image, reference: match.image.repoTags[0] ?? match.id };
}

/** Names an image of `manifest.json` by its tags, or by its config when it has none. */
function describeImage(image: DockerManifestEntry): string {
  if (image.repoTags.length > 0) return image.repoTags.join(', ');
  return `untagged ${digestInPath(image.config) ?? image.config}`;
}

async function resolveOciIndex(store: ImageStore, platform: string, image: string | undefined): Promise<ResolvedImage> {
  const target = parsePlatform(platform);
  if (!target) throw new ArchiveError(`${platform} is not a platform: use OS/ARCH or OS/ARCH/VARIANT, such as linux/amd64.`);
  const found = await findIndexManifest(store, await readVerified(store, 'index.json', null), target, image);
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

/** Cleans a path named by `manifest.json`; it must stay inside the archive. */
function memberPath(path: string, label: string): string {
  const cleaned = cleanMemberPath(path);
  if ('problem' in cleaned) throw new ArchiveError(`${label}: ${cleaned.problem}.`);
  return cleaned.path;
}
