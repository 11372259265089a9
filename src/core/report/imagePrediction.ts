/**
 * The `prediction` field of `layer-lens image --dockerfile --json`: where the prediction of the
 * Dockerfile differs from the image's layers, as `linkAnalysis` compares them for the editor.
 */
import type { LinkedAnalysis } from '../image/linkedAnalysis';

export interface ImagePredictionJson {
  /** The build context folder the prediction read: `--context` as given, else the Dockerfile's folder. */
  context: string;
  /** How many of the target's steps map to a history entry of the image, so were compared. */
  mappedSteps: number;
  /** One item per compared step whose image layer differs from its predicted one, in line order. */
  differences: Array<{ line: number; endLine: number; message: string }>;
}

/** Builds the field from the prediction merged with the image; `context` is the folder as shown to the user. */
export function imagePredictionJson(linked: LinkedAnalysis, context: string): ImagePredictionJson {
  return {
    context,
    mappedSteps: linked.image.mappedSteps,
    differences: linked.image.differences.map(({ line, endLine, message }) => ({ line, endLine, message })),
  };
}
