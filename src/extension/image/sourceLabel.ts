/** Labels that tell exact image layers from predicted ones in the hover, the tree and the panel. No `vscode` import. */
import type { Analysis, Step } from '../../core/analysis/types';
import { linkedImageOf } from '../../core/image/linkedAnalysis';

/**
 * Returns where a step's layer comes from, as a short phrase (`from image NAME`, `predicted`),
 * or `undefined` when no image is linked to the analysis.
 */
export function stepSourceLabel(analysis: Analysis, step: Pick<Step, 'index'>): string | undefined {
  const linked = linkedImageOf(analysis);
  const source = linked?.sources[step.index];
  if (!linked || !source) return undefined;
  switch (source.kind) {
    case 'image':
      return `from image ${linked.name}`;
    case 'base':
      // The FROM step has no history entry of its own: the base image's layers are the steps before it.
      return source.historyEntry === null ? `base image from ${linked.name}` : `base image layer from ${linked.name}`;
    case 'unmatched':
      return `from image ${linked.name}, no line`;
    default:
      return 'predicted';
  }
}
