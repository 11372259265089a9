/** Pairs the config's history entries with the layers, so that history index == step index. */
import type { HistoryEntry, ImageStep } from './types';

/**
 * Walks the history in order: entries without `empty_layer: true` take the next layer. Without
 * history, each layer gets an entry of its own; when history and layers disagree in number, the
 * surplus is kept (layers get entries, entries lose their layer) and a problem reports it.
 */
export function pairHistory(history: HistoryEntry[] | null, layerCount: number, problems: string[]): ImageStep[] {
  if (!history || history.length === 0) {
    return Array.from({ length: layerCount }, (_, layer) => ({ history: { createdBy: '', emptyLayer: false }, layer }));
  }
  const steps: ImageStep[] = [];
  let next = 0;
  for (const entry of history) {
    if (entry.emptyLayer) {
      steps.push({ history: entry, layer: null });
    } else if (next < layerCount) {
      steps.push({ history: entry, layer: next++ });
    } else {
      steps.push({ history: entry, layer: null });
      problems.push(`History entry ${steps.length - 1} (${entry.createdBy || 'no command'}) should have a layer, but the image has only ${layerCount}.`);
    }
  }
  if (next < layerCount) {
    problems.push(`The image has ${layerCount} layers but its history accounts for ${next}; the others are listed without history.`);
    for (; next < layerCount; next++) steps.push({ history: { createdBy: '', emptyLayer: false }, layer: next });
  }
  return steps;
}
