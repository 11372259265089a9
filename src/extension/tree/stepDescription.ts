/** The Image Layers view's one-line description of a step. Pure, for unit tests. */
import type { Analysis, Step } from '../../core/analysis/types';
import type { LayerSummary, StackedLayer } from '../../core/model/stack';
import type { ChangeKind } from '../../core/model/layer';
import { correctionMark } from '../../core/analysis/correctedLayer';
import { stepFailureWords } from '../../core/analysis/notReached';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import { formatTallySize } from '../format';
import { listsSizedFile } from '../../core/report/format';

/**
 * How a description counts changed paths: in words (`1 added · 2 modified`) for tooltips and
 * screen readers, or as signs (`+1 ~2 -1`, as a diffstat writes them) for a row, where words
 * would push the counts past the view's edge.
 */
export type CountStyle = 'words' | 'signs';

const signs: Record<ChangeKind, string> = { added: '+', modified: '~', deleted: '-' };

/**
 * Describes a step's layer by size and by counts of added, modified and deleted paths, or as
 * `no layer` for a metadata-only step. Its status follows: `not reached` for a step after the
 * failing one, and a failure mark for a step the build fails on. The view cuts a row's end, so
 * the status goes after the size and counts, which are what a row is for.
 */
export function describeStep(step: Step, layer: StackedLayer | undefined, style: CountStyle = 'words'): string {
  return joinParts([describeLayer(step, layer, style), stepStatus(step, style)]);
}

/**
 * Returns a step's status. Tooltips and screen readers get `not reached`, then the failure
 * mark in words. Rows get one short word pair (`not run`, `fails here`, `would fail`), because
 * the view cuts a row's end and a status of two parts does not fit beside a size at the default width.
 * A misspelt step not reached gets the mark of its correction (`read as WORKDIR`) in place of
 * `would fail`, as its hover gives the layer of the fixed line and no failure sentence.
 */
export function stepStatus(step: Step, style: CountStyle = 'words'): string {
  const failure = stepFailureWords(step);
  if (style === 'words') return joinParts([step.notReached ? 'not reached' : '', failure?.mark ?? '']);
  if (failure) return step.notReached ? correctionMark(step) ?? 'would fail' : 'fails here';
  return step.notReached ? 'not run' : '';
}

function joinParts(parts: string[]): string {
  return parts.filter((part) => part !== '').join(' · ');
}

/** Describes a step's layer by size and counts, `no layer`, or nothing for a step that fails and so makes no layer. */
export function describeLayer(step: Step, layer: StackedLayer | undefined, style: CountStyle): string {
  if (step.failed) return '';
  if (step.emptyLayer || !layer) return 'no layer';
  // The folders assumed for a base image that was not read are no content of its layers.
  if (step.instruction === 'FROM' && layer.entries.every((classified) => classified.entry.origin?.kind === 'assumed-base')) {
    return style === 'words' ? 'base image, contents unknown' : 'not read';
  }
  const counts: Record<ChangeKind, number> = { added: 0, modified: 0, deleted: 0 };
  for (const classified of layer.entries) counts[classified.change]++;
  const changed = (Object.keys(counts) as ChangeKind[]).filter((change) => counts[change] > 0);
  // A layer of unknown certainty may hold unlisted content (a base image, what a RUN writes), so its listed bytes are only a lower bound.
  const open = layer.layer.certainty === 'unknown';
  const content = layerContent(layer.summary);
  // Only an open layer of 0 known bytes reads the flag, so the entries are scanned only then.
  const sizedFile = open && content.bytes === 0 && (listsSizedFile(layer.entries, 'added') || listsSizedFile(layer.entries, 'modified'));
  const size = formatTallySize(content, open, sizedFile);
  if (changed.length === 0) return size;
  if (style === 'signs') return `${size} · ${changed.map((change) => `${signs[change]}${counts[change].toLocaleString('en')}`).join(' ')}`;
  return [size, ...changed.map((change) => `${counts[change].toLocaleString('en')} ${change}`)].join(' · ');
}

/**
 * Describes the start of a step's row that its label leaves room for: its layer with counts as
 * signs, its status, and `trigger` for a step that runs an ONBUILD trigger. That step shares the
 * FROM's line and shows only the trigger's instruction, so without the mark its row reads like a
 * line of the stage.
 */
export function describeRowFacts(step: Step, layer: StackedLayer | undefined): string {
  return joinParts([describeStep(step, layer, 'signs'), step.trigger ? 'trigger' : '']);
}

/**
 * Describes a step's row: `describeRowFacts`, then `predicted` for a step that a linked image has
 * no layer for. The view's message names the linked image once, so a row from the image adds
 * nothing, which keeps its size and counts in sight.
 */
export function describeStepOf(analysis: Analysis, step: Step): string {
  const description = describeRowFacts(step, analysis.stack.layers[step.index]);
  return isPredictedBesideImage(analysis, step) ? joinParts([description, 'predicted']) : description;
}

/** Returns whether an image is linked but a step's layer is still predicted, as for a line added since the build. */
export function isPredictedBesideImage(analysis: Analysis, step: Pick<Step, 'index'>): boolean {
  return linkedImageOf(analysis)?.sources[step.index]?.kind === 'predicted';
}

/** Sums what a layer itself holds: the bytes it adds and the new versions it writes. */
export function layerContent(summary: LayerSummary): LayerSummary['added'] {
  return {
    count: summary.added.count + summary.modified.count,
    bytes: summary.added.bytes + summary.modified.bytes,
    unknownSizes: summary.added.unknownSizes + summary.modified.unknownSizes,
  };
}
