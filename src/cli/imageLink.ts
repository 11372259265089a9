/**
 * Links the image of `layer-lens image --dockerfile` to its Dockerfile. The base images of
 * `--base-image` give the plan their configuration, so the layers of a base image's ONBUILD
 * triggers map to the FROM line rather than to the base image.
 */
import type { Writable } from 'node:stream';
import { linkDockerfile, type DockerfileLink } from '../core/image/linkDockerfile';
import type { ImageData } from '../core/image/types';
import type { ImageResolver } from '../core/predict/baseImage';
import type { BaseImageOption } from './baseImageOptions';
import { readBaseImages } from './baseImages';
import { warnOfImageBuildArgs } from './imageBuildArgs';

export interface LinkRequest {
  /** The Dockerfile's path as given with `--dockerfile`. */
  dockerfile: string;
  text: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** The `--build-arg` options as given, for the warnings about them. */
  buildArgPairs: string[];
  baseImages: readonly BaseImageOption[];
  /** The `--platform` given, for which the base images are read. */
  platform?: string;
}

/** Advice that ends the note on a FROM whose base image may have run triggers. */
const BASE_TRIGGER_ADVICE = 'Give the base image with --base-image REF=SOURCE to map their layers to this line.';

/**
 * Reads the `--base-image` images, links the image to the Dockerfile with their configurations,
 * and warns on `stderr` of build arguments and options that the build does not use. Returns the
 * link and the lookup of the base images read, for the prediction to stack on.
 */
export async function linkImage(image: ImageData, request: LinkRequest, stderr: Writable): Promise<{ link: DockerfileLink; baseImages?: ImageResolver }> {
  const planOptions = { target: request.target, buildArgs: request.buildArgs, platform: request.platform };
  const read = await readBaseImages(request.baseImages, request.text, planOptions, stderr, 'image');
  const resolver = read.resolver;
  const link = linkDockerfile(image, request.text, {
    path: request.dockerfile,
    target: request.target,
    buildArgs: request.buildArgs,
    baseImages: resolver && ((reference) => resolver(reference)?.config),
    baseTriggerAdvice: BASE_TRIGGER_ADVICE,
  });
  warnOfImageBuildArgs(image, link, { text: request.text, target: request.target, pairs: request.buildArgPairs, passed: request.buildArgs }, stderr);
  return { link, baseImages: resolver };
}
