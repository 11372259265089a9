/**
 * The JSON object of `layer-lens image --json`: the same versioned shape as `explain` with
 * `"source": "image"`, one `layers` item per history entry of the image (base image included),
 * and the image's wasted bytes and efficiency. With a Dockerfile, layers carry their lines and
 * the Dockerfile's own share of the waste is measured.
 */
import type { Problem } from '../analysis/types';
import type { CiCheck } from '../image/ciGates';
import type { DockerfileLink } from '../image/linkDockerfile';
import type { HistoryRole } from '../image/mapHistory';
import { stackImage } from '../image/stackImage';
import type { ImageData } from '../image/types';
import type { Attribute } from '../model/changes';
import { eachDeletedPath, eachMergedPath, wasteReport } from '../model/merged';
import type { ClassifiedEntry, LayerStack } from '../model/stack';
import { schemaVersion, type ExplainJson, type JsonChange } from './explainJson';
import type { ImagePredictionJson } from './imagePrediction';
import { LazyArray } from './jsonStream';
import { WasteSourceTally, type WasteSources } from './wasteSources';

/** A change of an image layer; a modification also lists which attributes changed (see `changedAttributes`). */
export interface ImageJsonChange extends JsonChange {
  changedAttributes?: readonly Attribute[];
  /**
   * The number of lower paths below a write's path that the write hides, as a file in place of a
   * folder or an opaque folder does. Paths in subfolders count too, as the hover and `explain` count them.
   */
  hiddenPaths?: number;
}

export interface ImageJsonLayer {
  createdBy: string;
  emptyLayer: boolean;
  comment?: string;
  /** The diff ID (digest of the uncompressed layer tar), `null` for entries without a layer. */
  digest: string | null;
  blobDigest: string | null;
  /** With a Dockerfile: the step's 1-based lines; base image entries give the FROM line. */
  line?: number;
  endLine?: number;
  /** With a Dockerfile: what the entry maps to (`base`, `step`, `unmatched`, `ambiguous`). */
  mapping?: HistoryRole;
  certainty: 'exact';
  size: number;
  changes: ImageJsonChange[];
}

export interface ImageJson {
  schemaVersion: number;
  source: 'image';
  image: { source: string; format: string; reference: string | null; platform: string | null; platforms: string[]; configDigest: string | null };
  /** The Dockerfile the history was mapped to, as given, or `null`. */
  dockerfile: string | null;
  /**
   * With a Dockerfile, its stages and target as in `explain`; otherwise empty and `null`. The
   * stages have no `built`, because the builder that made the image is not known.
   */
  stages: Array<Omit<ExplainJson['stages'][number], 'built'>>;
  target: number | null;
  layers: ImageJsonLayer[];
  merged: Array<{ path: string; type: string; size: number | null; layer: number; shadows: number[] }>;
  deleted: Array<{ path: string; layer: number }>;
  /** Bytes written by a layer that the final image does not show (shadowed or deleted). */
  wasted: number;
  /** Visible bytes over all bytes written, or 1 for an image that wrote no bytes. */
  efficiency: number;
  /** With a Dockerfile: bytes its own steps wrote (base image excluded), and how many are wasted. */
  ownBytes: number | null;
  ownWasted: number | null;
  /** `ownWasted / ownBytes`, 0 when the own steps wrote nothing, and `null` without a Dockerfile. */
  wastedRatio: number | null;
  /** The sources of `wasted`: the layers that hid the bytes, and the largest wasted paths. */
  wasteSources: WasteSources;
  /** Problems of the image itself have `line: null` and severity `warning`. */
  problems: Array<{ line: number | null; endLine: number | null; severity: Problem['severity']; message: string }>;
  /** With `--dockerfile`: the prediction compared with the image, or `null` when the build context cannot be read. */
  prediction?: ImagePredictionJson | null;
  /** With `--ci`: each limit checked, and whether all were met. */
  ci?: { passed: boolean; checks: CiCheck[] };
}

export type StreamedImageLayer = Omit<ImageJsonLayer, 'changes'> & { changes: LazyArray<ImageJsonChange> };

/**
 * The report with its large arrays produced while they are written (see `writeJson`). Each
 * lazy array may be iterated more than once and gives the same items each time.
 */
export interface StreamedImageJson extends Omit<ImageJson, 'layers' | 'merged' | 'deleted'> {
  layers: LazyArray<StreamedImageLayer>;
  merged: LazyArray<ImageJson['merged'][number]>;
  deleted: LazyArray<ImageJson['deleted'][number]>;
}

/** Builds the report of an image, stacking its layers once; `link` adds the Dockerfile's lines. */
export function imageReport(image: ImageData, link?: DockerfileLink): ImageJson {
  const streamed = streamedImageReport(image, link);
  return {
    ...streamed,
    layers: [...streamed.layers].map((layer) => ({ ...layer, changes: [...layer.changes] })),
    merged: [...streamed.merged],
    deleted: [...streamed.deleted],
  };
}

/** Builds the same report as `imageReport`, with the paths left to be listed as it is written. */
export function streamedImageReport(image: ImageData, link?: DockerfileLink): StreamedImageJson {
  const { stack, problems } = stackImage(image);
  // Without one layer mapped to a line, the Dockerfile's own share of the bytes is unknown.
  const firstOwn = link?.mapping.entries.some((entry) => entry.role === 'step') ? link.mapping.baseEntries : undefined;
  // One traversal passes each waste record to both sums, and no record outlives it.
  const sources = new WasteSourceTally(stack);
  let ownWasted = 0;
  const waste = wasteReport(stack, stack.top, (record) => {
    sources.add(record);
    if (firstOwn !== undefined && record.writtenBy >= firstOwn) ownWasted += record.bytes;
  });
  const own = firstOwn === undefined ? null : { bytes: ownBytes(stack, firstOwn), wasted: ownWasted };
  return {
    schemaVersion,
    source: 'image',
    image: { source: image.source, format: image.format, reference: image.reference, platform: image.platform, platforms: image.platforms, configDigest: image.configDigest },
    dockerfile: link?.path ?? null,
    stages: link ? link.plan.stages.map(({ info }) => ({ index: info.index, name: info.name, base: info.base, baseResolved: info.baseResolved, line: info.line })) : [],
    target: link && link.plan.target >= 0 ? link.plan.target : null,
    layers: new LazyArray(() => image.steps.map((_, index) => jsonLayer(image, stack, index, link))),
    merged: new LazyArray(function* () {
      for (const item of eachMergedPath(stack)) yield { path: item.path, type: item.entry.type, size: item.entry.size, layer: item.layer, shadows: item.shadows };
    }),
    deleted: new LazyArray(function* () {
      for (const item of eachDeletedPath(stack)) yield { path: item.path, layer: item.layer };
    }),
    wasted: waste.wastedBytes,
    efficiency: waste.totalBytes === 0 ? 1 : (waste.totalBytes - waste.wastedBytes) / waste.totalBytes,
    ownBytes: own?.bytes ?? null,
    ownWasted: own?.wasted ?? null,
    wastedRatio: own ? ratioOf(own) : null,
    wasteSources: sources.finish(),
    problems: [
      ...[...image.problems, ...problems].map((message) => ({ line: null, endLine: null, severity: 'warning' as const, message })),
      ...dockerfileProblems(link).map((problem) => ({ line: problem.line, endLine: problem.endLine, severity: problem.severity, message: problem.message })),
    ],
  };
}

/**
 * Sums the bytes written by the layers from `firstOwn` on. Stack layer `i` is history entry `i`,
 * so `firstOwn` is the number of base entries.
 */
function ownBytes(stack: LayerStack, firstOwn: number): number {
  let bytes = 0;
  for (const layer of stack.layers.slice(firstOwn)) {
    for (const { entry } of layer.entries) if (entry.op === 'write') bytes += entry.size ?? 0;
  }
  return bytes;
}

function ratioOf(own: { bytes: number; wasted: number }): number {
  if (own.bytes === 0) return 0;
  return own.wasted / own.bytes;
}

function dockerfileProblems(link: DockerfileLink | undefined): Problem[] {
  if (!link) return [];
  return [...link.plan.problems, ...link.mapping.problems].sort((a, b) => a.line - b.line);
}

function jsonLayer(image: ImageData, stack: LayerStack, index: number, link: DockerfileLink | undefined): StreamedImageLayer {
  const step = image.steps[index];
  const layer = step.layer === null ? undefined : image.layers[step.layer];
  const entries = stack.layers[index].entries;
  let size = 0;
  for (const { entry } of entries) if (entry.op === 'write') size += entry.size ?? 0;
  const item: StreamedImageLayer = {
    createdBy: step.history.createdBy,
    emptyLayer: step.layer === null,
    digest: layer?.diffId ?? null,
    blobDigest: layer?.blobDigest ?? null,
    certainty: 'exact',
    size,
    changes: new LazyArray(function* () {
      for (const classified of entries) yield jsonChange(classified);
    }),
  };
  if (step.history.comment !== undefined) item.comment = step.history.comment;
  const mapped = link?.mapping.entries[index];
  if (mapped) {
    item.mapping = mapped.role;
    if (mapped.line !== null) item.line = mapped.line;
    if (mapped.endLine !== null) item.endLine = mapped.endLine;
  }
  return item;
}

function jsonChange({ entry, change, changedAttributes, hiddenCount }: ClassifiedEntry): ImageJsonChange {
  if (entry.op === 'delete') return { path: entry.path, change: 'deleted', size: null, certainty: entry.certainty };
  const json: ImageJsonChange = { path: entry.path, change, type: entry.type, size: entry.size, certainty: entry.certainty };
  if (entry.mode !== null) json.mode = entry.mode.toString(8).padStart(4, '0');
  json.uid = entry.uid;
  json.gid = entry.gid;
  if (entry.linkTarget !== undefined) json.linkTarget = entry.linkTarget;
  if (entry.opaque) json.opaque = true;
  if (changedAttributes) json.changedAttributes = changedAttributes;
  if (hiddenCount) json.hiddenPaths = hiddenCount;
  return json;
}
