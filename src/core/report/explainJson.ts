/**
 * The versioned JSON object of `layer-lens explain --json`, a public interface: field names and
 * meanings change only with `schemaVersion`.
 */
import type { Analysis, Step } from '../analysis/types';
import type { BuilderKind } from '../dockerfile/builders';
import type { Certainty, EntryType, LayerEntry } from '../model/layer';
import { eachDeletedPath, eachMergedPath, wasteReport } from '../model/merged';
import type { ClassifiedEntry } from '../model/stack';
import { LazyArray } from './jsonStream';

export const schemaVersion = 1;

export interface JsonChange {
  path: string;
  change: 'added' | 'modified' | 'deleted';
  type?: EntryType;
  size: number | null;
  mode?: string | null;
  uid?: number | null;
  gid?: number | null;
  linkTarget?: string;
  opaque?: true;
  certainty: Certainty;
}

export interface ExplainJson {
  schemaVersion: number;
  source: 'prediction' | 'image';
  /** The builder whose rules the prediction followed, since each builds some steps differently. */
  builder: BuilderKind;
  /** `built`: whether the builder builds the stage for the target. */
  stages: Array<{ index: number; name: string | null; base: string; baseResolved: string; line: number; built: boolean }>;
  target: number;
  layers: Array<{
    stage: number; line: number; endLine: number; instruction: string; text: string;
    emptyLayer: boolean; certainty: Certainty; size: number | null;
    /** Set on a step the build fails on. */
    failed?: true;
    /** Set on a failing step whose error makes builders reject the whole Dockerfile (a parse error). */
    rejectsDockerfile?: true;
    /**
     * Set on a misspelt line that the prediction reads as its correction: the instruction it is
     * read as. Such a step keeps the layer the fixed line would make.
     */
    readAs?: string;
    /** Set on a step the build never reaches: the line it stops at, and whether the builder rejects the whole Dockerfile there. */
    notReached?: { line: number; rejectsDockerfile?: true };
    /**
     * Set on a step that runs an ONBUILD trigger right after its FROM, whose line the step has:
     * the trigger's instruction, and the ONBUILD line of the parent stage (absent for a trigger
     * of the base image).
     */
    trigger?: { text: string; line?: number };
    /** Plain sentences on what the prediction assumed or could not follow, as the hover shows them. */
    notes: string[];
    changes: JsonChange[];
  }>;
  /**
   * `assumed` marks a folder that the prediction assumes an unread base image to have (`/etc`,
   * `/usr`), so that a reader can tell it from a path a step writes.
   */
  merged: Array<{ path: string; type: EntryType; size: number | null; layer: number; shadows: number[]; assumed?: true }>;
  deleted: Array<{ path: string; layer: number }>;
  /** Bytes of file versions the final image does not show; see `wasteReport`. */
  wasted: { bytes: number; totalBytes: number; totalIsLowerBound: boolean; byLayer: Array<{ layer: number; bytes: number }>; unknownSizes: number };
  problems: Array<{ line: number; endLine: number; severity: 'error' | 'warning' | 'info'; message: string }>;
}

type JsonLayer = ExplainJson['layers'][number];

/** The `explain` object with its large arrays produced while `writeJson` writes them. */
export type StreamedExplainJson = Omit<ExplainJson, 'layers' | 'merged' | 'deleted'> & {
  layers: LazyArray<Omit<JsonLayer, 'changes'> & { changes: LazyArray<JsonChange> }>;
  merged: LazyArray<ExplainJson['merged'][number]>;
  deleted: LazyArray<ExplainJson['deleted'][number]>;
};

/** Builds the `explain` JSON object of an analysis. */
export function explainJson(analysis: Analysis): ExplainJson {
  const streamed = streamedExplainJson(analysis);
  return {
    ...streamed,
    layers: [...streamed.layers].map((layer) => ({ ...layer, changes: [...layer.changes] })),
    merged: [...streamed.merged],
    deleted: [...streamed.deleted],
  };
}

/**
 * Builds the `explain` object for `writeJson`, which writes it as `JSON.stringify(explainJson(...), null, 2)`
 * would without holding the whole text: for a 100,000-file context that text is 56 MB.
 */
export function streamedExplainJson(analysis: Analysis): StreamedExplainJson {
  const stack = analysis.stack;
  return {
    schemaVersion,
    source: 'prediction',
    builder: analysis.builder ?? 'buildkit',
    stages: analysis.stages.map((stage) => ({
      index: stage.index, name: stage.name, base: stage.base, baseResolved: stage.baseResolved, line: stage.line, built: isBuilt(analysis, stage.index),
    })),
    target: analysis.target,
    layers: new LazyArray(() => analysis.steps.map((step) => {
      const stacked = stack.layers[step.index];
      return {
        stage: step.stage, line: step.line, endLine: step.endLine, instruction: step.instruction, text: step.text,
        emptyLayer: step.emptyLayer, certainty: step.certainty, size: layerSize(stacked.entries, step.certainty),
        ...buildStop(step),
        ...(step.trigger ? { trigger: step.trigger.line === undefined ? { text: step.trigger.text } : { text: step.trigger.text, line: step.trigger.line } } : {}),
        notes: step.notes,
        changes: new LazyArray(() => stacked.entries.map(jsonChange)),
      };
    })),
    merged: new LazyArray(function* () {
      for (const item of eachMergedPath(stack)) {
        const merged = { path: item.path, type: item.entry.type, size: item.entry.size, layer: item.layer, shadows: item.shadows };
        yield item.entry.origin?.kind === 'assumed-base' ? { ...merged, assumed: true as const } : merged;
      }
    }),
    deleted: new LazyArray(function* () {
      for (const item of eachDeletedPath(stack)) yield { path: item.path, layer: item.layer };
    }),
    wasted: wastedFigures(analysis),
    problems: analysis.problems.map((problem) => ({ line: problem.line, endLine: problem.endLine, severity: problem.severity, message: problem.message })),
  };
}

/** Returns the `failed`, `rejectsDockerfile`, `readAs` and `notReached` fields of a step, present only when they are set. */
function buildStop(step: Step): Pick<JsonLayer, 'failed' | 'rejectsDockerfile' | 'readAs' | 'notReached'> {
  const fields: Pick<JsonLayer, 'failed' | 'rejectsDockerfile' | 'readAs' | 'notReached'> = {};
  if (step.failed) fields.failed = true;
  if (step.rejectsDockerfile) fields.rejectsDockerfile = true;
  if (step.readAs !== undefined) fields.readAs = step.readAs;
  if (step.notReached) fields.notReached = step.notReached.rejects ? { line: step.notReached.line, rejectsDockerfile: true } : { line: step.notReached.line };
  return fields;
}

/** Returns whether the builder builds a stage; without that record, whether the target's chain contains it. */
function isBuilt(analysis: Analysis, stage: number): boolean {
  const build = analysis.stageBuilds?.[stage];
  if (build) return build.built;
  return stage === analysis.target || analysis.steps.some((step) => step.stage === stage);
}

function jsonChange(classified: ClassifiedEntry): JsonChange {
  const entry: LayerEntry = classified.entry;
  if (entry.op === 'delete') return { path: entry.path, change: 'deleted', size: null, certainty: entry.certainty };
  const change: JsonChange = {
    path: entry.path,
    change: classified.change,
    type: entry.type,
    size: entry.size,
    mode: entry.mode === null ? null : modeText(entry.mode),
    uid: entry.uid,
    gid: entry.gid,
    certainty: entry.certainty,
  };
  if (entry.linkTarget !== undefined) change.linkTarget = entry.linkTarget;
  if (entry.opaque) change.opaque = true;
  return change;
}

const modeTexts = new Map<number, string>();

/** Returns a mode as 4 or more octal digits. Most entries share a few modes, so each text is made once. */
function modeText(mode: number): string {
  let text = modeTexts.get(mode);
  if (text === undefined) {
    text = mode.toString(8).padStart(4, '0');
    modeTexts.set(mode, text);
  }
  return text;
}

/** Sums a layer's content bytes; `null` when any size, or the layer's extent, is unknown. */
function layerSize(entries: ClassifiedEntry[], certainty: Certainty): number | null {
  if (certainty === 'unknown') return null;
  let total = 0;
  for (const { entry } of entries) {
    if (entry.op === 'delete') continue;
    if (entry.size === null) return null;
    total += entry.size;
  }
  return total;
}

/** Sums the wasted bytes of the target, per layer that wrote them. */
function wastedFigures(analysis: Analysis): ExplainJson['wasted'] {
  const byLayer = new Map<number, number>();
  const report = wasteReport(analysis.stack, analysis.stack.top, (record) => byLayer.set(record.writtenBy, (byLayer.get(record.writtenBy) ?? 0) + record.bytes));
  return {
    bytes: report.wastedBytes,
    totalBytes: report.totalBytes,
    totalIsLowerBound: hasWritesOfUnknownSize(analysis),
    byLayer: [...byLayer].sort(([a], [b]) => a - b).map(([layer, bytes]) => ({ layer, bytes })),
    unknownSizes: report.unknownSizes,
  };
}

/**
 * Tells whether a step of the target wrote bytes of unknown size, so that the bytes written are
 * a lower bound. The base image's layers are left out, because their bytes are not in the total.
 */
export function hasWritesOfUnknownSize(analysis: Analysis): boolean {
  return analysis.steps.some((step) => {
    if (step.emptyLayer || step.instruction === 'FROM') return false;
    const summary = analysis.stack.layers[step.index]?.summary;
    return step.certainty === 'unknown' || (summary !== undefined && (summary.added.unknownSizes > 0 || summary.modified.unknownSizes > 0));
  });
}
