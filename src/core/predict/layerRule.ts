/**
 * Builder rules that need the predicted layer: the classic builder records a step whose diff is
 * empty as an empty layer, so a WORKDIR of a folder that already exists makes no layer there.
 */
import type { BuilderKind } from '../dockerfile/builders';
import type { PlannedStep } from '../dockerfile/plan';
import type { StepPrediction } from './copy';

/** Returns the prediction with its layer flag set as the builder would record it. */
export function applyLayerRule(builder: BuilderKind, planned: PlannedStep, prediction: StepPrediction): StepPrediction {
  if (builder !== 'classic' || planned.emptyLayer) return prediction;
  const layer = prediction.layer;
  // A RUN of unknown effect keeps its layer: only an exact, empty diff is known to be empty.
  if (layer.entries.length > 0 || layer.certainty !== 'exact') return prediction;
  if (planned.kind !== 'workdir' && planned.kind !== 'copy' && planned.kind !== 'add') return prediction;
  const reason = planned.kind === 'workdir' ? 'its folder already exists' : 'it changes nothing';
  return { ...prediction, emptyLayer: true, notes: [...prediction.notes, `The classic builder records no layer here, because ${reason}.`] };
}
