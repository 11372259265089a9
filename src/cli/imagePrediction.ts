/**
 * The comparison of `layer-lens image --dockerfile`: predicts the Dockerfile as the editor does
 * for a linked image (its build arguments, its builder, its base image's layers), merges the
 * prediction with the image through `linkAnalysis`, and keeps the steps whose layers differ.
 */
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { analyze } from '../core/analysis/analyze';
import type { ContextIndex } from '../core/context/contextIndex';
import { ignoreFileDockerfile } from '../core/context/ignoreFile';
import { walkContext } from '../core/context/walk';
import type { BuilderKind } from '../core/dockerfile/builders';
import { linkAnalysis } from '../core/image/linkedAnalysis';
import { builderKindOf, linkedBaseImage } from '../core/image/linkedBuild';
import type { DockerfileLink } from '../core/image/linkDockerfile';
import type { ImageData } from '../core/image/types';
import type { ImageResolver } from '../core/predict/baseImage';
import { imagePredictionJson, type ImagePredictionJson } from '../core/report/imagePrediction';
import { writeWarning } from './io';

export interface PredictionRequest {
  /** The Dockerfile's path as given with `--dockerfile`. */
  dockerfile: string;
  text: string;
  target?: string;
  /** The build context folder as given with `--context`, or `undefined` for the Dockerfile's folder. */
  context?: string;
}

/**
 * Compares the prediction with the image. Returns `null`, with a warning on `stderr`, when the
 * build context cannot be read, because a prediction without its files would differ on every COPY.
 */
export async function comparePrediction(image: ImageData, link: DockerfileLink, request: PredictionRequest, stderr: Writable): Promise<ImagePredictionJson | null> {
  const dockerfilePath = resolve(request.dockerfile);
  const shownContext = request.context ?? dirname(request.dockerfile);
  const contextPath = resolve(shownContext);
  const builder = builderKindOf(link.mapping.builder);
  const context = await readContext(contextPath, dockerfilePath, builder);
  if (typeof context === 'string') {
    writeWarning(stderr, 'image', `skipped the comparison of the prediction with the image, because the build context cannot be read. ${context} Give the folder the image was built from with --context DIR.`);
    return null;
  }
  const prediction = await analyze({
    dockerfilePath,
    text: request.text,
    contextPath,
    context,
    target: request.target,
    // The link's arguments add those the image's history records to the ones given.
    buildArgs: link.buildArgs,
    builder,
    platform: image.platform ?? undefined,
    images: baseImageOf(image, link),
  });
  return imagePredictionJson(linkAnalysis(prediction, image, link), shownContext);
}

/** Walks the build context as `analyze` would; returns the reason instead when its root cannot be read. */
async function readContext(contextPath: string, dockerfilePath: string, builder: BuilderKind | undefined): Promise<ContextIndex | string> {
  const ignoreFrom = ignoreFileDockerfile(builder, dockerfilePath);
  let index: ContextIndex;
  try {
    index = await walkContext(contextPath, ignoreFrom === undefined ? {} : { dockerfilePath: ignoreFrom });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  // An unreadable root leaves an empty index with a problem at the root's path, ''.
  const rootProblem = index.problems.find((problem) => problem.path === '');
  return rootProblem ? `The build context ${contextPath}: ${rootProblem.message}` : index;
}

/** Returns the image's own base layers as the content of the target's base image, as the editor stacks the prediction on them. */
function baseImageOf(image: ImageData, link: DockerfileLink): ImageResolver | undefined {
  const base = linkedBaseImage(image, link);
  return base && ((reference) => (reference === base.reference ? base.known : undefined));
}
