/** The inputs and outputs of the image readers: sources, options and the image data. */
import type { Readable } from 'node:stream';
import type { Compression } from '../archive/decompress';
import type { Layer } from '../model/layer';
import type { FolderOwner } from '../predict/baseImage';
import type { EngineEndpoint } from './engine/endpoint';

/** The source of an image. */
export type ImageSource =
  /** A docker-archive or oci-archive tar (possibly compressed), or an OCI layout folder. */
  | { kind: 'path'; path: string }
  /** A docker-archive or oci-archive tar arriving as a stream. */
  | { kind: 'stream'; stream: Readable; label: string }
  /** An image of a Docker Engine (or Podman) API, by name or ID. */
  | {
      kind: 'engine';
      name: string;
      endpoint?: EngineEndpoint;
      /** Milliseconds without data after which a request to the engine fails. The default is 30 s. */
      idleTimeoutMs?: number;
    };

export interface ImageProgress {
  /** Layers read so far and, once known, how many the image has. */
  layersRead: number;
  layers: number | null;
  /** Bytes of the source read so far. */
  bytes: number;
}

export interface ReadImageOptions {
  /** `os/arch[/variant]` to choose from a multi-platform index; defaults to the host's. */
  platform?: string;
  onProgress?: (progress: ImageProgress) => void;
  signal?: AbortSignal;
  /** Bound on the inflated bytes of one layer (see `DEFAULT_MAX_INFLATED_BYTES`). */
  maxLayerBytes?: number;
}

/** One entry of the image config's history. */
export interface HistoryEntry {
  createdBy: string;
  emptyLayer: boolean;
  comment?: string;
  created?: string;
}

/** One filesystem layer of the image, in `rootfs.diff_ids` order. */
export interface ImageLayer {
  /** `sha256:` digest of the uncompressed layer tar. */
  diffId: string;
  /** Digest of the stored blob (compressed as stored), when the source names one. */
  blobDigest: string | null;
  /** The blob's path in the source (an archive member or a layout path). */
  member: string;
  compression: Compression;
  /** Bytes of the stored blob and of the uncompressed tar. */
  blobBytes: number;
  tarBytes: number;
  layer: Layer;
  /** Text of the account files the layer writes (`/etc/passwd`, `/etc/group`), by absolute path. */
  textFiles?: ReadonlyMap<string, string>;
  /** The owner and mode of the layer's `./` entry, when it has one. */
  rootFolder?: FolderOwner;
}

/** A history entry together with the layer it made, so that history index == step index. */
export interface ImageStep {
  history: HistoryEntry;
  /** Index into `ImageData.layers`, or `null` for a history entry without a layer. */
  layer: number | null;
}

export type ImageFormat = 'docker-archive' | 'oci-layout' | 'oci-archive';

export interface ImageData {
  /** The source as the user named it (a path or `docker://NAME`). */
  source: string;
  format: ImageFormat;
  /** The first repository tag or reference name, if the source records one. */
  reference: string | null;
  /** The chosen platform (`os/arch[/variant]`), and all platforms the source offers. */
  platform: string | null;
  platforms: string[];
  configDigest: string | null;
  /** The parsed image config (`architecture`, `os`, `config`, `rootfs`, `history`, ...). */
  config: Record<string, unknown>;
  layers: ImageLayer[];
  steps: ImageStep[];
  /** Problems that did not stop the reading (skipped entries, history that does not add up). */
  problems: string[];
}
