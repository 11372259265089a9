/**
 * The JSON object of `layer-lens image --json`: the same versioned shape as `explain` with
 * `"source": "image"`, one `layers` item per history entry of the image (base image included),
 * and the image's wasted bytes and efficiency.
 */
import type { ImageData } from '../image/types';
import { stackImage } from '../image/stackImage';
import { deletedPaths, mergedPaths, wasteReport } from '../model/merged';
import type { ClassifiedEntry, LayerStack } from '../model/stack';
import { schemaVersion, type JsonChange } from './explainJson';

export interface ImageJsonLayer {
  createdBy: string;
  emptyLayer: boolean;
  comment?: string;
  /** The diff ID (digest of the uncompressed layer tar), `null` for entries without a layer. */
  digest: string | null;
  blobDigest: string | null;
  /** The Dockerfile line, once history is mapped to a Dockerfile (not yet: always absent). */
  line?: number;
  certainty: 'exact';
  size: number;
  changes: JsonChange[];
}

export interface ImageJson {
  schemaVersion: number;
  source: 'image';
  image: { source: string; format: string; reference: string | null; platform: string | null; platforms: string[]; configDigest: string | null };
  stages: [];
  target: null;
  layers: ImageJsonLayer[];
  merged: Array<{ path: string; type: string; size: number | null; layer: number; shadows: number[] }>;
  deleted: Array<{ path: string; layer: number }>;
  /** Bytes written by a layer that the final image does not show (shadowed or deleted). */
  wasted: number;
  /** Visible bytes over all bytes written; 1 for an image that wrote no bytes. */
  efficiency: number;
  problems: Array<{ line: null; message: string }>;
}

/** Builds the report of an image, stacking its layers once. */
export function imageReport(image: ImageData): ImageJson {
  const { stack, problems } = stackImage(image);
  const waste = wasteReport(stack);
  return {
    schemaVersion,
    source: 'image',
    image: { source: image.source, format: image.format, reference: image.reference, platform: image.platform, platforms: image.platforms, configDigest: image.configDigest },
    stages: [],
    target: null,
    layers: image.steps.map((_, index) => jsonLayer(image, stack, index)),
    merged: mergedPaths(stack).map((item) => ({ path: item.path, type: item.entry.type, size: item.entry.size, layer: item.layer, shadows: item.shadows })),
    deleted: deletedPaths(stack).map((item) => ({ path: item.path, layer: item.layer })),
    wasted: waste.wastedBytes,
    efficiency: waste.totalBytes === 0 ? 1 : (waste.totalBytes - waste.wastedBytes) / waste.totalBytes,
    problems: [...image.problems, ...problems].map((message) => ({ line: null, message })),
  };
}

function jsonLayer(image: ImageData, stack: LayerStack, index: number): ImageJsonLayer {
  const step = image.steps[index];
  const layer = step.layer === null ? undefined : image.layers[step.layer];
  const changes = stack.layers[index].entries.map(jsonChange);
  const item: ImageJsonLayer = {
    createdBy: step.history.createdBy,
    emptyLayer: step.layer === null,
    digest: layer?.diffId ?? null,
    blobDigest: layer?.blobDigest ?? null,
    certainty: 'exact',
    size: changes.reduce((total, change) => total + (change.change === 'deleted' ? 0 : change.size ?? 0), 0),
    changes,
  };
  if (step.history.comment !== undefined) item.comment = step.history.comment;
  return item;
}

function jsonChange({ entry, change }: ClassifiedEntry): JsonChange {
  if (entry.op === 'delete') return { path: entry.path, change: 'deleted', size: null, certainty: entry.certainty };
  const json: JsonChange = { path: entry.path, change, type: entry.type, size: entry.size, certainty: entry.certainty };
  if (entry.mode !== null) json.mode = entry.mode.toString(8).padStart(4, '0');
  json.uid = entry.uid;
  json.gid = entry.gid;
  if (entry.linkTarget !== undefined) json.linkTarget = entry.linkTarget;
  if (entry.opaque) json.opaque = true;
  return json;
}
