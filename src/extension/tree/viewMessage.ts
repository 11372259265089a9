/** The message above the rows of the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import type { Analysis } from '../../core/analysis/types';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import { shortImageName } from '../format';
import { isPredictedBesideImage } from './stepDescription';

/**
 * Returns the message above an analysis's rows, or `undefined` for none. A linked image is named
 * here once rather than on every row, where its name pushed the size and counts past the edge.
 * The view's description names it too, but VS Code hides that while the view is alone in its
 * container. The message also names the Dockerfile as `dockerfileName` (the view's title) does.
 * VS Code 1.100 cuts the title beside the five buttons of a linked view (`LAYER LENS: DOCKERFI…`)
 * and shows it whole only on hover, but it wraps a message and shows it whole.
 */
export function layersViewMessage(analysis: Analysis, dockerfileName: string): string | undefined {
  if (analysis.steps.length === 0) return 'This Dockerfile has no build steps to show.';
  const linked = linkedImageOf(analysis);
  if (!linked) return undefined;
  const name = shortImageName(linked);
  const predicted = analysis.steps.some((step) => isPredictedBesideImage(analysis, step));
  const source = `Layers of ${dockerfileName} read from the image ${name}`;
  return predicted ? `${source}, except rows marked predicted.` : `${source}.`;
}
