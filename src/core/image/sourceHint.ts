/** The advice on what to pass when the file or folder given as an image source is not an image. */
import { NotTarArchiveError, type ArchiveError } from '../archive/errors';
import type { ImageSource } from './types';

/** The image sources the CLI reads, as advice that ends a message about a source that is not an image. */
export const IMAGE_SOURCE_HINT = 'Pass a docker save archive, an OCI archive or layout folder, or docker://NAME.';

/** Returns whether `error` reports that the file given as `source` itself is not a tar archive (not one of its layers). */
export function isNotImageArchive(error: ArchiveError, source: ImageSource): boolean {
  return error instanceof NotTarArchiveError && source.kind === 'path' && error.label === source.path;
}
