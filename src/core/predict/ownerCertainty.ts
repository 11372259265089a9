/**
 * A rule for every predicted layer: an entry whose owner has no number cannot be exact, whichever
 * instruction wrote it, because the layer records the owner. Such an owner is a user or group
 * name that no predicted `/etc/passwd` or `/etc/group` resolves.
 */
import { leastCertain, type Layer, type LayerEntry } from '../model/layer';
import type { StepPrediction } from './copy';

/** Returns the prediction with its exact entries of unknown owner marked estimated. */
export function markUnknownOwners(prediction: StepPrediction): StepPrediction {
  const layer = markLayer(prediction.layer);
  return layer === prediction.layer ? prediction : { ...prediction, layer };
}

function markLayer(layer: Layer): Layer {
  let marked = false;
  const entries = layer.entries.map((entry): LayerEntry => {
    if (entry.op !== 'write' || entry.certainty !== 'exact' || (entry.uid !== null && entry.gid !== null)) return entry;
    marked = true;
    return { ...entry, certainty: 'estimated' };
  });
  return marked ? { entries, certainty: leastCertain(layer.certainty, 'estimated') } : layer;
}

/**
 * Returns `layer` with its exact writes marked estimated: their owner comes from account lines
 * that a RUN appended to files of unknown content (`AccountFiles.partial`).
 */
export function estimateOwners(layer: Layer): Layer {
  const entries = layer.entries.map((entry): LayerEntry => (entry.op === 'write' && entry.certainty === 'exact' ? { ...entry, certainty: 'estimated' } : entry));
  return { entries, certainty: leastCertain(layer.certainty, 'estimated') };
}
