/**
 * The comparison of `layer-lens image --dockerfile`: predicts the Dockerfile as the editor does
 * for a linked image (its build arguments, its builder, its base image's layers), merges the
 * prediction with the image through `linkAnalysis`, and keeps the steps whose layers differ.
 */
import { opendir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { analyze, type AnalyzeInput } from '../core/analysis/analyze';
import { buildahIgnoreFiles } from '../core/analysis/unreadIgnoreFile';
import { ContextDigests } from '../core/context/contextDigests';
import type { ContextIndex } from '../core/context/contextIndex';
import { describeError, ignoreFileOptions } from '../core/context/ignoreFile';
import { walkContext } from '../core/context/walk';
import type { BuilderKind } from '../core/dockerfile/builders';
import { linesFallbackExplains } from '../core/image/ignoreFileFallback';
import { linkAnalysis } from '../core/image/linkedAnalysis';
import { buildahFormatOf, builderKindOf, linkedBaseImage } from '../core/image/linkedBuild';
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
  /** The images read with `--base-image`, by reference. */
  baseImages?: ImageResolver;
}

/**
 * Compares the prediction with the image. Returns `null`, with a warning on `stderr`, when the
 * build context folder cannot be read, because a prediction without its files would differ on
 * every COPY. A `--context` folder that does not exist is rejected before this runs.
 */
export async function comparePrediction(image: ImageData, link: DockerfileLink, request: PredictionRequest, stderr: Writable): Promise<ImagePredictionJson | null> {
  const dockerfilePath = resolve(request.dockerfile);
  const shownContext = request.context ?? dirname(request.dockerfile);
  const contextPath = resolve(shownContext);
  const builder = builderKindOf(link.mapping.builder);
  const context = await readContext(contextPath, dockerfilePath, builder);
  if (typeof context === 'string') {
    writeWarning(stderr, 'image', `skipped the comparison of the prediction with the image, because the build context folder ${shownContext} cannot be read (${context}). Give the folder the image was built from with --context DIR.`);
    return null;
  }
  const input: AnalyzeInput = {
    dockerfilePath,
    text: request.text,
    contextPath,
    context,
    target: request.target,
    // The link's arguments add those the image's history records to the ones given.
    buildArgs: link.buildArgs,
    builder,
    buildahFormat: buildahFormatOf(image),
    platform: image.platform ?? undefined,
    images: baseImageOf(image, link, request.baseImages),
  };
  // The user asked for this comparison and waits for it, so every file of the same size is read.
  const digests = new ContextDigests(contextPath).forComparison(Number.POSITIVE_INFINITY);
  const linked = linkAnalysis(await analyze(input), image, link, digests);
  const files = builder === 'buildah' ? await buildahIgnoreFiles(dockerfilePath, contextPath) : undefined;
  // buildah reads the context's ignore file for a relative -f from another folder, so a second prediction with it checks which differences that explains.
  const ignoreFiles = files && { ...files, fallbackAgreesOn: await linesFallbackExplains(input, image, link, linked.image.differences, digests) };
  return imagePredictionJson(linked, { shown: shownContext, isDefault: request.context === undefined }, ignoreFiles);
}

/**
 * Walks the build context as `analyze` would. Returns a short reason instead, such as
 * "permission denied", when its folder cannot be listed. The walk's own messages are left out,
 * because they give advice for a build rather than for choosing the folder.
 */
async function readContext(contextPath: string, dockerfilePath: string, builder: BuilderKind | undefined): Promise<ContextIndex | string> {
  try {
    const folder = await opendir(contextPath);
    await folder.close();
  } catch (error) {
    return describeError(error);
  }
  const index = await walkContext(contextPath, ignoreFileOptions(builder, dockerfilePath));
  // A root that became unreadable after it was opened leaves an empty index with a problem at the root's path, ''.
  return index.problems.some((problem) => problem.path === '') ? 'its entries cannot be listed' : index;
}

/**
 * Returns the image's own base layers as the content of the target's base image, as the editor
 * stacks the prediction on them, with the configuration of a `--base-image` read for it. Other
 * references resolve to the `--base-image` images.
 */
function baseImageOf(image: ImageData, link: DockerfileLink, read: ImageResolver | undefined): ImageResolver | undefined {
  const base = linkedBaseImage(image, link, read && ((reference) => read(reference)?.config));
  if (!base) return read;
  return (reference) => (reference === base.reference ? base.known : read?.(reference));
}
