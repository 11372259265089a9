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
  SHELL: 'sets the shell for the later shell-form RUN, CMD and ENTRYPOINT',
  STOPSIGNAL: 'sets the signal that stops the container',
  USER: 'sets the user for the later steps and the container',
  VOLUME: 'declares mount points for volumes',
  WORKDIR: 'sets the working directory for the later steps and the container',
};

/** Returns what a metadata-only instruction sets, e.g. `sets the default command of the container`. */
export function instructionPurpose(instruction: string): string {
  return purposes[instruction.toUpperCase()] ?? 'changes only the image configuration';
}

/** Instructions that make a layer or run a command, which have no metadata purpose above. */
const buildInstructions = new Set(['ADD', 'COPY', 'RUN']);

/** Returns whether a keyword (upper case) is a Dockerfile instruction that builders accept. */
export function isKnownInstruction(keyword: string): boolean {
  return Object.hasOwn(purposes, keyword) || buildInstructions.has(keyword);
}
