/**
 * The image a Dockerfile is linked to, as stored in the workspace state and passed to
 * `layerLens.analyzeImage`. No `vscode` import, so it runs under plain mocha.
 */
import * as path from 'node:path';
import type { ImageSource } from '../../core/image/types';
import { isInsideFolder } from '../../core/files/insideFolder';

/** An image archive or OCI layout folder by absolute host path, or an engine image by name. */
export type ImageSpec = { kind: 'path'; path: string } | { kind: 'engine'; name: string };

export const enginePrefix = 'docker://';

/**
 * Parses a source as the command takes it: `docker://NAME` for an engine image, else a host
 * path, which must be absolute. Returns an error sentence for anything else.
 */
export function parseImageSpec(source: unknown): ImageSpec | { error: string } {
  if (typeof source !== 'string' || source.trim() === '') {
    return { error: 'The image source must be a non-empty string: an archive path, an OCI layout folder or docker://NAME.' };
  }
  const text = source.trim();
  if (text.startsWith(enginePrefix)) {
    const name = text.slice(enginePrefix.length);
    return name === '' ? { error: `${text} names no image: write docker://NAME, such as docker://busybox:latest.` } : { kind: 'engine', name };
  }
  if (!path.isAbsolute(text)) return { error: `The image path ${text} is relative: pass an absolute path.` };
  return { kind: 'path', path: path.normalize(text) };
}

/** Validates a spec read back from the workspace state, which an older version may have written. */
export function isImageSpec(value: unknown): value is ImageSpec {
  if (typeof value !== 'object' || value === null) return false;
  const spec = value as Record<string, unknown>;
  if (spec.kind === 'path') return typeof spec.path === 'string' && path.isAbsolute(spec.path);
  return spec.kind === 'engine' && typeof spec.name === 'string' && spec.name !== '';
}

/** Describes a spec as the user would write it: the path, or `docker://NAME`. */
export function describeSpec(spec: ImageSpec): string {
  return spec.kind === 'path' ? spec.path : `${enginePrefix}${spec.name}`;
}

/** Converts a spec into the core reader's source. */
export function toImageSource(spec: ImageSpec): ImageSource {
  return spec.kind === 'path' ? { kind: 'path', path: spec.path } : { kind: 'engine', name: spec.name };
}

/**
 * Returns whether `hostPath` lies inside one of `folders`. An untrusted workspace may read only
 * such paths.
 */
export function isInsideFolders(hostPath: string, folders: readonly string[]): boolean {
  return folders.some((folder) => isInsideFolder(folder, hostPath));
}
