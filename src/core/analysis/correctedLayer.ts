/** The words for the layer of a rejected step that the prediction reads as its correction. */
import { formatBytes } from '../report/format';
import type { ChangeKind } from '../model/layer';
import type { LayerStack } from '../model/stack';
import type { Step } from './types';

/** The maximum number of paths named before "and N more", so that a large COPY does not bury the sentence. */
const NAMED_PATHS = 3;

const verbs: Record<ChangeKind, string> = { added: 'adds', modified: 'modifies', deleted: 'deletes' };

/**
 * Describes the layer that a step the build fails on would make once its line is fixed, for a
 * step read as its correction (`Read as WORKDIR, this step would make a layer of 0 B: adds
 * /app.`). Returns `undefined` for any other step, for a correction that makes no layer (ENV),
 * and for a step that does not fail because the builder skips its stage.
 */
export function describeCorrectedLayer(stack: LayerStack, step: Step): string | undefined {
  if (step.readAs === undefined || !step.failed || step.emptyLayer) return undefined;
  const layer = stack.layers[step.index];
  if (!layer) return undefined;
  const reading = step.readAs === step.instruction ? 'With its flags corrected' : `Read as ${step.readAs}`;
  const bytes = formatBytes(layer.summary.added.bytes + layer.summary.modified.bytes);
  // A layer of unknown certainty (a RUN) may write paths it does not list, so its bytes are a lower bound.
  const size = layer.layer.certainty === 'unknown' ? `at least ${bytes}` : bytes;
  const changes = (['added', 'modified', 'deleted'] as ChangeKind[])
    .map((change) => namedPaths(layer.entries.filter((classified) => classified.change === change).map((classified) => classified.entry.path), verbs[change]))
    .filter((part) => part !== '');
  if (changes.length === 0) return `${reading}, this step would make an empty layer.`;
  return `${reading}, this step would make a layer of ${size}: ${changes.join(', ')}.`;
}

/**
 * Returns the short mark of a step read as its correction (`read as WORKDIR`, `flags corrected`).
 * Lists and trees give it to a step not reached in place of `would fail too`, because the hover
 * gives the layer of the fixed line in place of that sentence. Returns `undefined` for a step
 * that `describeCorrectedLayer` gives no layer.
 */
export function correctionMark(step: Step): string | undefined {
  if (step.readAs === undefined || !step.failed || step.emptyLayer) return undefined;
  return step.readAs === step.instruction ? 'flags corrected' : `read as ${step.readAs}`;
}

function namedPaths(paths: readonly string[], verb: string): string {
  if (paths.length === 0) return '';
  const named = paths.slice(0, NAMED_PATHS).join(', ');
  const more = paths.length > NAMED_PATHS ? ` and ${(paths.length - NAMED_PATHS).toLocaleString('en')} more` : '';
  return `${verb} ${named}${more}`;
}
