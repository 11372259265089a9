/** Access to the members of an image source by path, whatever the source's shape. */
import type { LayerReadResult } from './layerTar';

export interface ImageStore {
  /** The source as the user named it, for messages. */
  readonly label: string;
  has(path: string): Promise<boolean>;
  /** Reads a small member (a JSON document) whole. */
  readBytes(path: string): Promise<Buffer>;
  /** Reads a layer blob into a layer; the same path read twice gives the same result. */
  readLayer(path: string): Promise<LayerReadResult>;
  /** How many layers may be read at once with benefit. */
  readonly layerConcurrency: number;
}
