/**
 * The data a Merged Filesystem panel sends, read from an analysis, and the checks on its inputs
 * (a command argument, a requested layer). No `vscode` import, so it runs under plain mocha.
 */
import type { Analysis } from '../../core/analysis/types';
import { buildMergedView, describeLayers } from '../../core/report/mergedView';
import { linkedImageOf, type StepSourceKind } from '../../core/image/linkedAnalysis';
import type { PanelData, Validation } from '../../protocol/webview';
import { describeDeletedContents } from './deletedContents';

/** The argument of the command `layerLens.showMergedFilesystem` from a hover link. */
export interface ShowArguments {
  /** The Dockerfile's URI, as `vscode.Uri.toString()` writes it. */
  uri: string;
  /** The layer to show; the top layer when absent. */
  layer?: number;
}

/** Validates a command argument of the form `{ uri: string, layer?: number }`. */
export function validateShowArguments(value: unknown): Validation<ShowArguments> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'The argument must be an object { uri, layer? }.' };
  }
  const { uri, layer } = value as Record<string, unknown>;
  if (typeof uri !== 'string' || uri === '') return { ok: false, error: 'The argument\'s "uri" must be a non-empty string.' };
  if (layer === undefined) return { ok: true, value: { uri } };
  if (typeof layer !== 'number' || !Number.isInteger(layer) || layer < 0) {
    return { ok: false, error: `The argument's "layer" must be a non-negative integer, not ${JSON.stringify(layer)}.` };
  }
  return { ok: true, value: { uri, layer } };
}

/**
 * Returns the layer to show: `requested` when the stack has it, else the top layer (also when
 * nothing was requested), or -1 when the stack has no layers.
 */
export function chooseLayer(analysis: Analysis, requested: number | undefined): number {
  const top = analysis.stack.top;
  if (requested === undefined || requested < 0 || requested > top) return top;
  return requested;
}

/**
 * Short phrases for where a layer comes from. The image's name would repeat on every layer and
 * push the instruction out of view, so the panel shows it once, from `PanelData.imageName`.
 */
const SOURCE_PHRASES: Record<StepSourceKind, string> = {
  image: 'from the image',
  base: 'base image',
  unmatched: 'from the image, no line',
  predicted: 'predicted',
};

/** Builds the panel's data for one Dockerfile as of `layer` (see `chooseLayer`). */
export function buildPanelData(analysis: Analysis, document: { uri: string; fileName: string }, layer: number): PanelData {
  const linked = linkedImageOf(analysis);
  const data: PanelData = {
    uri: document.uri,
    fileName: document.fileName,
    layers: describeLayers(analysis).map((layer) => {
      const kind = linked?.sources[layer.index]?.kind;
      return kind ? { ...layer, source: SOURCE_PHRASES[kind] } : layer;
    }),
    view: buildMergedView(analysis, chooseLayer(analysis, layer)),
    problemCount: analysis.problems.length + (analysis.contextProblems?.length ?? 0),
  };
  if (linked) data.imageName = linked.name;
  data.view.rows.deletedContents = describeDeletedContents(analysis.stack, data.view.rows);
  return data;
}
