/**
 * The warnings of `layer-lens image --dockerfile` about its `--build-arg` options: a name that no
 * ARG declares, as `explain` warns, and a value other than the one the image's history records.
 */
import type { Writable } from 'node:stream';
import { builderKindOf } from '../core/image/linkedBuild';
import type { DockerfileLink } from '../core/image/linkDockerfile';
import { differingBuildArgs, ownRecordedBuildArgs } from '../core/image/recordedBuildArgs';
import type { ImageData } from '../core/image/types';
import { joinWords } from '../core/report/format';
import { writeWarning } from './io';
import { warnOfUnusedBuildArgs } from './unusedBuildArgs';

export interface BuildArgRequest {
  text: string;
  target?: string;
  /** The `--build-arg` options as given: `NAME=VALUE` or `NAME`. */
  pairs: readonly string[];
  /** The values the options set, as `parseBuildArgs` returns them. */
  passed: Readonly<Record<string, string>>;
}

/** Writes the warnings about the `--build-arg` options of a Dockerfile linked to an image. */
export function warnOfImageBuildArgs(image: ImageData, link: DockerfileLink, request: BuildArgRequest, stderr: Writable): void {
  // The builder that wrote the history decides which stages it built, so which ARGs count.
  const builder = builderKindOf(link.mapping.builder);
  warnOfUnusedBuildArgs(request.text, request.pairs, { target: request.target, buildArgs: { ...request.passed }, builder }, stderr, 'image');
  const history = image.steps.map((step) => step.history);
  // A value only the base image's history records was set for the base image's build, not this one.
  const ownValues = ownRecordedBuildArgs(history, link.plan, link.mapping);
  const overridden = differingBuildArgs(ownValues, link.plan).filter((item) => Object.hasOwn(request.passed, item.name));
  if (overridden.length === 0) return;
  const used = joinWords(overridden.map((item) => `--build-arg ${item.name}=${request.passed[item.name]}`));
  const recorded = joinWords(overridden.map((item) => `${item.name}=${item.recorded}`));
  const message = overridden.length === 1
    ? `the comparison uses ${used}, but the image's history records ${recorded}, so the image was built with another value. Leave out --build-arg ${overridden[0].name} to use the recorded one.`
    : `the comparison uses ${used}, but the image's history records ${recorded}, so the image was built with other values. Leave out these options to use the recorded ones.`;
  writeWarning(stderr, 'image', message);
}
