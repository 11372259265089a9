/** Descriptions of what metadata-only instructions set, in words for the hover. */
const purposes: Record<string, string> = {
  ARG: 'declares a build argument for the later steps of its stage',
  CMD: 'sets the default command of the container',
  ENTRYPOINT: 'sets the entrypoint of the container',
  ENV: 'sets environment variables for the later steps and the container',
  EXPOSE: 'records the ports the container listens on',
  FROM: 'starts the stage from an empty filesystem',
  HEALTHCHECK: 'sets the health check of the container',
  LABEL: 'sets labels in the image configuration',
  MAINTAINER: 'sets the author field of the image configuration (deprecated in favour of LABEL)',
  ONBUILD: 'records an instruction that runs only when another image is built FROM this one',
  // buildah 1.28 drops SHELL in its default OCI image format ("SHELL is not supported for OCI image format").
  SHELL: "sets the shell for the later shell-form RUN, CMD and ENTRYPOINT, except under buildah's default OCI image format, which drops it",
  STOPSIGNAL: 'sets the signal that stops the container',
  USER: 'sets the user for the later steps and the container',
  VOLUME: 'declares mount points for volumes',
  WORKDIR: 'sets the working directory for the later steps and the container',
};

/**
 * Reasons a RUN, COPY or ADD makes no layer, by keyword. Only the classic builder skips the layer
 * of such a step, and only when its diff is empty. BuildKit and buildah record a layer for each.
 */
const noLayerReasons: Record<string, string> = {
  ADD: 'it leaves the filesystem unchanged, and the classic builder records no layer for such a step',
  COPY: 'it leaves the filesystem unchanged, and the classic builder records no layer for such a step',
  RUN: 'runs a command that leaves the filesystem unchanged, and the classic builder records no layer for such a step',
};

/**
 * Returns what an instruction that makes no layer does, e.g. `sets the default command of the
 * container`, or for a RUN, COPY or ADD why it makes none.
 */
export function instructionPurpose(instruction: string): string {
  const keyword = instruction.toUpperCase();
  return purposes[keyword] ?? noLayerReasons[keyword] ?? 'changes only the image configuration';
}

/** Returns whether `instructionPurpose` states why the instruction makes no layer, as for a RUN, COPY or ADD. */
export function hasNoLayerReason(instruction: string): boolean {
  return Object.hasOwn(noLayerReasons, instruction.toUpperCase());
}

/** Returns whether a keyword (upper case) is a Dockerfile instruction that builders accept. */
export function isKnownInstruction(keyword: string): boolean {
  return Object.hasOwn(purposes, keyword) || Object.hasOwn(noLayerReasons, keyword);
}
