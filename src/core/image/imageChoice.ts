/**
 * Matches `--image` to one image of an archive or OCI layout, alike for every kind of source. A
 * name matches as Docker Engine matches a reference. Otherwise an image ID (the config digest) or
 * a unique prefix of it matches.
 */
import { ArchiveError } from '../archive/errors';
import { normalizeReference } from './imageReferences';

/** One image that `--image` can choose. */
export interface ImageCandidate {
  /** The RepoTags of a `manifest.json` entry, or the ref name and containerd name of an index entry. */
  names: string[];
  /** The image ID: the digest of the image's config, when the source names it. */
  id: string | null;
}

/**
 * The minimum number of hex digits that `--image` reads as an image ID. Docker Engine's containerd
 * image store takes 4 to 64, with or without `sha256:` (moby `daemon/containerd/image.go`, the
 * `truncatedID` pattern), and its classic store takes any unique prefix, so both take 4.
 */
export const MIN_ID_DIGITS = 4;

const ID_PREFIX = new RegExp(`^(?:sha256:)?([0-9a-f]{${MIN_ID_DIGITS},64})$`);

/** The maximum number of images that a "no image named" error lists. */
const LISTED_NAMES = 5;

/** An archive or layout that has no image of the requested name or ID. */
export class ImageNotFoundError extends ArchiveError {}

/** An image ID prefix that starts the IDs of several images. */
export class AmbiguousImageError extends ArchiveError {}

/** Returns the hex digits of `requested` when it has the form of an image ID or a prefix of one. */
export function idDigits(requested: string): string | undefined {
  return ID_PREFIX.exec(requested)?.[1];
}

/**
 * Returns whether `name` (a RepoTag, a ref name or a containerd image name) names the image that
 * `requested` names: the same text, or the same reference once Docker's defaults are filled in,
 * so `myapp`, `myapp:latest` and `docker.io/library/myapp:latest` name one image.
 */
export function nameMatches(name: string, requested: string): boolean {
  return name === requested || normalizeReference(name) === normalizeReference(requested);
}

/**
 * Returns the candidates whose image ID starts with `digits`. They may be several entries of one
 * image (two tags, or two index entries of one manifest). Throws `AmbiguousImageError` when the
 * prefix starts more than one ID, listing them.
 */
export function candidatesWithId<T extends ImageCandidate>(label: string, candidates: T[], digits: string): T[] {
  const matching = candidates.filter((candidate) => candidate.id !== null && candidate.id.startsWith(`sha256:${digits}`));
  const ids = [...new Set(matching.map((candidate) => candidate.id))];
  if (ids.length > 1) {
    const listed = ids.map((id) => describeId(id as string, matching));
    throw new AmbiguousImageError(`${label}: the image ID prefix ${digits} matches ${ids.length} images: ${listed.join(', ')}. Give more digits of the ID.`);
  }
  return matching;
}

function describeId(id: string, candidates: ImageCandidate[]): string {
  const names = [...new Set(candidates.filter((candidate) => candidate.id === id).flatMap((candidate) => candidate.names))];
  return names.length > 0 ? `${id} (${names.join(', ')})` : id;
}

/**
 * Throws `ImageNotFoundError` for `requested`, listing up to five of `contents`. The message states
 * when `:latest` was added to a name, and that no ID matched when `requested` could be an ID.
 */
export function imageNotFound(label: string, requested: string, contents: string[]): never {
  const rest = contents.length - LISTED_NAMES;
  const listed = rest > 0 ? `${contents.slice(0, LISTED_NAMES).join(', ')} and ${rest} more` : contents.join(', ');
  throw new ImageNotFoundError(`${label} has no image ${describeRequest(requested)}; it contains ${listed}.`);
}

function describeRequest(requested: string): string {
  const digits = idDigits(requested);
  if (requested.startsWith('sha256:')) {
    return digits === undefined || digits.length === 64 ? `with ID ${requested}` : `whose ID starts with ${requested}`;
  }
  const name = hasTagOrDigest(requested) ? requested : `${requested}:latest (a name without a tag means :latest)`;
  return digits === undefined ? `named ${name}` : `named ${name} and none whose ID starts with ${digits}`;
}

function hasTagOrDigest(name: string): boolean {
  return name.includes('@') || /:[^/]*$/.test(name);
}
