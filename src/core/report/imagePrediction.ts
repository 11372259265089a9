/**
 * The `prediction` field of `layer-lens image --dockerfile --json`: where the prediction of the
 * Dockerfile differs from the image's layers, as `linkAnalysis` compares them for the editor.
 */
import type { Problem, Step } from '../analysis/types';
import type { LinkedAnalysis } from '../image/linkedAnalysis';

interface LineRange {
  line: number;
  endLine: number;
}

/** The step at which a build from the given context would stop, as the prediction finds it. */
export interface PredictionStopJson extends LineRange {
  /** The prediction's error on that line: the reason the build stops. */
  message: string;
  /** Whether builders reject the whole Dockerfile at that line, so that no step runs. */
  rejectsDockerfile: boolean;
  /**
   * The later lines on which builders reject the whole Dockerfile too, each with its error, in
   * line order. Each stops the build once the lines before it are fixed. Empty unless `rejectsDockerfile`.
   */
  laterRejections: Array<LineRange & { message: string }>;
  /** The steps that the build does not reach, in build order. They are not compared with the image. */
  notReached: LineRange[];
  /**
   * Whether the image has the layer of this step or of a step the build reaches only after it.
   * Then the build that made the image did not fail here, so its inputs differ from the prediction's.
   */
  builtInImage: boolean;
  /** Whether the step is a COPY or ADD from the build context, so a build context without its sources explains the failure. */
  readsContext: boolean;
}

export interface ImagePredictionJson {
  /** The build context folder the prediction read: `--context` as given, else the Dockerfile's folder. */
  context: string;
  /** Whether no `--context` was given, so `context` is the Dockerfile's folder. */
  defaultContext: boolean;
  /** How many of the target's steps map to a history entry of the image. */
  mappedSteps: number;
  /**
   * How many of the mapped steps were compared with the image: all of them, except the failing
   * step and the steps the build does not reach when `stop` is set.
   */
  comparedSteps: number;
  /** One item per compared step whose image layer differs from its predicted one, in line order. */
  differences: Array<LineRange & { message: string }>;
  /**
   * The step at which a build from the given context fails, or `null` when it finishes. The image
   * exists, so it was built from another context. Comparing the later steps would only list what
   * follows from the failure.
   */
  stop: PredictionStopJson | null;
  /**
   * Present when the history shows buildah and the prediction applied the Dockerfile's own ignore
   * file, `own`. buildah reads `fallback` in its place (`null`: no ignore file) when `-f` gives the
   * Dockerfile by a relative path from another folder than the context, so the image may have
   * been built from the right folder with other paths excluded.
   */
  buildahIgnoreFiles?: BuildahIgnoreFiles;
}

/** The ignore files of a buildah build, named relative to the build context when inside it. */
export interface BuildahIgnoreFiles {
  own: string;
  fallback: string | null;
  /**
   * The lines of `differences` on which a prediction that reads `fallback` in place of `own`
   * agrees with the image, so that buildah most likely read `fallback`, in line order.
   */
  fallbackAgreesOn: number[];
}

/**
 * Builds the field from the prediction merged with the image. `context` is the folder as shown to
 * the user, and `ignoreFiles` those of a buildah build, if it read the Dockerfile's own.
 */
export function imagePredictionJson(linked: LinkedAnalysis, context: { shown: string; isDefault: boolean }, ignoreFiles?: BuildahIgnoreFiles): ImagePredictionJson {
  // `linkAnalysis` leaves the failing step and the unreached ones out of the differences.
  return {
    context: context.shown,
    defaultContext: context.isDefault,
    mappedSteps: linked.image.mappedSteps,
    comparedSteps: linked.steps.filter((step, index) => linked.image.sources[index]?.kind === 'image' && !step.failed && !step.notReached).length,
    differences: linked.image.differences.map(({ line, endLine, message }) => ({ line, endLine, message })),
    stop: predictionStop(linked),
    ...(ignoreFiles ? { buildahIgnoreFiles: ignoreFiles } : {}),
  };
}

/**
 * Finds the step that stops the build: the first step in build order that fails, or else the
 * step that the first unreached step names. That is a failing step of a stage the target copies
 * from, or the line at which builders reject the whole Dockerfile.
 */
function predictionStop(linked: LinkedAnalysis): PredictionStopJson | null {
  const first = linked.steps.find((step) => step.failed || step.notReached);
  if (!first) return null;
  const line = first.notReached?.line ?? first.line;
  const rejectsDockerfile = first.notReached ? first.notReached.rejects === true : first.rejectsDockerfile === true;
  const error = stopError(linked.problems, line);
  const failing = first.notReached ? linked.stageChains?.[first.notReached.stage]?.steps[first.notReached.index] : first;
  return {
    line,
    endLine: error?.endLine ?? line,
    // Every failing step has an error problem on its lines; the fallback only keeps the field a sentence.
    message: error?.message ?? 'The prediction has an error on this line.',
    rejectsDockerfile,
    laterRejections: rejectsDockerfile ? laterRejections(linked.problems, line) : [],
    notReached: linked.steps.filter((step) => step.notReached).map(lineRange),
    builtInImage: linked.steps.some((step, index) => (step.failed || step.notReached) && linked.image.sources[index]?.kind === 'image'),
    readsContext: failing !== undefined && readsContext(failing),
  };
}

/** Tells whether a step copies from the build context: a COPY or ADD without `--from`. */
function readsContext(step: Step): boolean {
  return (step.instruction === 'COPY' || step.instruction === 'ADD') && !/\s--from[=\s]/i.test(step.text);
}

/** Lists the errors after `line` on which builders reject the whole Dockerfile, in line order. */
function laterRejections(problems: readonly Problem[], line: number): Array<LineRange & { message: string }> {
  const rejections = problems.filter((problem) => problem.severity === 'error' && problem.scope === 'dockerfile' && problem.line > line);
  return rejections.sort((a, b) => a.line - b.line).map(({ line: first, endLine, message }) => ({ line: first, endLine, message }));
}

function stopError(problems: readonly Problem[], line: number): Problem | undefined {
  return problems.find((problem) => problem.severity === 'error' && problem.scope !== 'build' && problem.line <= line && line <= problem.endLine);
}

function lineRange({ line, endLine }: Step): LineRange {
  return { line, endLine };
}
