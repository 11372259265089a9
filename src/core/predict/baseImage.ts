/**
 * What a prediction assumes about a base image it cannot see: the standard Linux directory
 * layout. Each directory is marked estimated, so a COPY into `/etc` reads as writing into an
 * existing directory without claiming to know the base image's files.
 */
import type { BaseImageConfig } from '../dockerfile/plan';
import type { Layer, WriteEntry } from '../model/layer';

/** A base image whose contents the caller has read, flattened into one layer. */
export interface KnownImage {
  layer: Layer;
  /** Text of small files the prediction reads, such as `/etc/passwd`, by absolute path. */
  textFiles?: Readonly<Record<string, string>>;
  /** The ENV, WORKDIR, USER and SHELL that the image's configuration sets, when it was read. */
  config?: BaseImageConfig;
  /**
   * The owner and mode of the topmost `./` entry of the image's layer tars, or `null` when no
   * layer has one, so that the builder's storage makes `/`. Absent when the layers were not read.
   * `certainRootFolder` turns it into the owner and mode of `/` in a RUN.
   */
  rootEntry?: FolderOwner | null;
}

/** The owner and mode of a folder. */
export interface FolderOwner {
  mode: number;
  uid: number | null;
  gid: number | null;
}

/** Returns the contents of an image by reference, or `undefined` when they are not known. */
export type ImageResolver = (reference: string) => KnownImage | undefined;

/**
 * Returns the sentence that advises the user how to have an unread image read, by its reference.
 * Where images are read from depends on the front end (the CLI's options, the editor's engine),
 * so the front end supplies the advice. `undefined` keeps the core's front-end-neutral sentence.
 */
export type UnreadImageHint = (reference: string) => string | undefined;

/** Returns the front end's advice for reading an unread image, or a sentence that names no front end. */
export function unreadImageAdvice(reference: string, hint: UnreadImageHint | undefined): string {
  return hint?.(reference) ?? `Give the image ${reference} to the analysis to have its files known.`;
}

const standardDirectories: ReadonlyArray<[string, number]> = [
  ['/bin', 0o755], ['/dev', 0o755], ['/etc', 0o755], ['/home', 0o755], ['/lib', 0o755],
  ['/media', 0o755], ['/mnt', 0o755], ['/opt', 0o755], ['/proc', 0o555], ['/root', 0o700],
  ['/run', 0o755], ['/sbin', 0o755], ['/srv', 0o755], ['/sys', 0o555], ['/tmp', 0o1777],
  ['/usr', 0o755], ['/usr/bin', 0o755], ['/usr/lib', 0o755], ['/usr/local', 0o755],
  ['/usr/local/bin', 0o755], ['/usr/local/lib', 0o755], ['/usr/sbin', 0o755], ['/usr/share', 0o755], ['/var', 0o755],
  ['/var/cache', 0o755], ['/var/lib', 0o755], ['/var/log', 0o755], ['/var/tmp', 0o1777],
];

/** Returns the layer that stands for an external base image whose contents are unknown. */
export function assumedBaseLayer(): Layer {
  const entries: WriteEntry[] = standardDirectories.map(([path, mode]) => ({
    op: 'write', path, type: 'directory', size: 0, mode, uid: 0, gid: 0,
    certainty: 'estimated', origin: { kind: 'assumed-base' },
  }));
  return { entries, certainty: 'unknown' };
}
