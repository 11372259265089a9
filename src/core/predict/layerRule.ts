/**
 * Builder rules that need the predicted layer: the classic builder records a step whose diff is
 * empty as an empty layer, so a WORKDIR of a folder that already exists, or a RUN that leaves
 * nothing behind, makes no layer there. BuildKit and buildah decide by instruction kind alone.
 */
import type { BuilderKind } from '../dockerfile/builders';
import type { PlannedStep } from '../dockerfile/plan';
import type { StepPrediction } from './copy';

const emptyReasons: Partial<Record<PlannedStep['kind'], string>> = {
  workdir: 'its folder already exists',
  copy: 'it changes nothing',
  add: 'it changes nothing',
  run: 'its command leaves no change in the filesystem',
};

/** Returns the prediction with its layer flag set as the builder would record it. */
export function applyLayerRule(builder: BuilderKind, planned: PlannedStep, prediction: StepPrediction): StepPrediction {
  if (builder !== 'classic' || planned.emptyLayer) return prediction;
  const layer = prediction.layer;
  // Only an exact, empty diff is known to be empty: a RUN of unknown effect keeps its layer.
  if (layer.entries.length > 0 || layer.certainty !== 'exact') return prediction;
  // A step the build fails on makes no layer under every builder, and its problem states that.
  if (prediction.problems.some((problem) => problem.severity === 'error')) return prediction;
  const reason = emptyReasons[planned.kind];
  if (reason === undefined) return prediction;
  return { ...prediction, emptyLayer: true, notes: [...prediction.notes, `${emptyLayerNoteStart}, because ${reason}.`] };
}

const emptyLayerNoteStart = 'The classic builder records no layer here';

/**
 * Tells whether a step's note is the one `applyLayerRule` adds for an empty diff. A step the build
 * does not reach records no layer for another reason, so the analysis drops the note there.
 */
export function isEmptyLayerNote(note: string): boolean {
  return note.startsWith(emptyLayerNoteStart);
}
