/** The Image Layers view's one-line description of a step. Pure, for unit tests. */
import type { Analysis, Step } from '../../core/analysis/types';
import type { LayerSummary, StackedLayer } from '../../core/model/stack';
import { stepFailureWords } from '../../core/analysis/notReached';
import { formatTallyBytes } from '../format';
import { stepSourceLabel } from '../image/sourceLabel';

/**
 * Describes a step's layer by size, then by counts of added, modified and deleted paths;
 * `no layer` for metadata-only steps, and `build fails here` for a step the build fails on.
 * A step after the failing one starts with `not reached`.
 */
export function describeStep(step: Step, layer: StackedLayer | undefined): string {
  const description = describeLayer(step, layer);
  return step.notReached ? `not reached · ${description}` : description;
}

function describeLayer(step: Step, layer: StackedLayer | undefined): string {
  const failure = stepFailureWords(step);
  if (failure) return failure.mark;
  if (step.emptyLayer || !layer) return 'no layer';
  // The folders assumed for a base image that was not read are no content of its layers.
  if (step.instruction === 'FROM' && layer.entries.every((classified) => classified.entry.origin?.kind === 'assumed-base')) return 'base image, contents unknown';
  const parts = [layerSize(layer)];
  const counts = { added: 0, modified: 0, deleted: 0 };
  for (const classified of layer.entries) counts[classified.change]++;
  for (const [change, count] of Object.entries(counts)) if (count > 0) parts.push(`${count.toLocaleString('en')} ${change}`);
  return parts.join(' · ');
}

/**
 * Describes a step as `describeStep` does, followed by where its layer comes from when an image
 * is linked. The source goes last because the view cuts a row's end, and the size matters more.
 */
export function describeStepOf(analysis: Analysis, step: Step): string {
  const description = describeStep(step, analysis.stack.layers[step.index]);
  const source = stepSourceLabel(analysis, step);
  return source ? `${description} · ${source}` : description;
}

/**
 * Formats a layer's size. A layer of unknown certainty may hold unlisted content (a base image,
 * what a RUN writes), so its listed bytes are only a lower bound.
 */
function layerSize(layer: StackedLayer): string {
  const content = layerContent(layer.summary);
  if (layer.layer.certainty !== 'unknown' || content.unknownSizes > 0) return formatTallyBytes(content);
  return content.bytes === 0 ? 'unknown size' : `at least ${formatTallyBytes(content)}`;
}

/** Sums what a layer itself holds: the bytes it adds and the new versions it writes. */
export function layerContent(summary: LayerSummary): LayerSummary['added'] {
  return {
    count: summary.added.count + summary.modified.count,
    bytes: summary.added.bytes + summary.modified.bytes,
    unknownSizes: summary.added.unknownSizes + summary.modified.unknownSizes,
  };
}
