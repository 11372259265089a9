/**
 * The facts of an image's history that a prediction linked to the image uses: the base image the
 * target's chain starts from, and the builder to model. The editor and `layer-lens image` share them.
 */
import type { BuildahFormat, BuilderKind } from '../dockerfile/builders';
import { stageChain, type BaseImageConfig } from '../dockerfile/plan';
import type { KnownImage } from '../predict/baseImage';
import type { HistoryBuilder } from './historyForms';
import { imageConfig, knownImageOf } from './knownImage';
import type { DockerfileLink } from './linkDockerfile';
import type { ImageData } from './types';

/** Returns the base image reference at the root of the target's chain, or `undefined` for scratch. */
export function rootBaseOf(link: DockerfileLink): string | undefined {
  if (link.plan.target < 0) return undefined;
  const root = link.plan.stages[stageChain(link.plan)[0]].info;
  if (root.parentStage !== null || root.baseResolved.toLowerCase() === 'scratch') return undefined;
  return root.baseResolved;
}

/**
 * Returns the image's own base layers as the content of the reference the target's chain starts
 * from, or `undefined` when the chain starts from scratch or the image has no base entries.
 * `baseImages` returns the configuration of a base image read apart, the one the link was planned
 * with, which then stands for the base's (its ONBUILD triggers among it).
 */
export function linkedBaseImage(image: ImageData, link: DockerfileLink, baseImages?: (reference: string) => BaseImageConfig | undefined): { reference: string; known: KnownImage } | undefined {
  const reference = rootBaseOf(link);
  if (reference === undefined || link.mapping.baseEntries === 0) return undefined;
  const known = knownImageOf(image, link.mapping.baseEntries);
  const readConfig = baseImages?.(reference);
  if (readConfig !== undefined) {
    known.config = readConfig;
    return { reference, known };
  }
  const inherited = known.config === undefined ? inheritedConfig(image, link) : undefined;
  if (inherited !== undefined) known.config = inherited;
  return { reference, known };
}

/**
 * Returns the part of the base's configuration that the image shows unchanged: its PATH and its
 * shell. The rest of the base's configuration stays unknown, so the prediction uses these alone.
 * `undefined` when the image shows neither.
 */
function inheritedConfig(image: ImageData, link: DockerfileLink): BaseImageConfig | undefined {
  const path = inheritedPath(image, link);
  const shell = inheritedShell(image, link);
  if (path === undefined && shell === undefined) return undefined;
  const config: BaseImageConfig = { env: new Map(path === undefined ? [] : [['PATH', path]]) };
  if (shell !== undefined) config.shell = shell;
  return config;
}

/**
 * Returns the image's `Shell` where it is the base image's: only a SHELL line changes it, and the
 * target's chain has none. A child built by the classic builder or by buildah `--format docker`
 * keeps its base's `Shell`, and its RUNs ran under it. buildah's OCI format records none.
 * NOTE: an ONBUILD SHELL of the base image would change it too, which the partial base read here
 * cannot show.
 */
function inheritedShell(image: ImageData, link: DockerfileLink): readonly string[] | undefined {
  const steps = stageChain(link.plan).flatMap((stage) => link.plan.stages[stage].steps);
  if (steps.some((step) => step.instruction.keyword === 'SHELL')) return undefined;
  return imageConfig(image.config)?.shell;
}

/**
 * Returns the image's PATH where it is the base image's: only an ENV changes PATH, and no ENV or
 * ARG of the target's chain sets it. `undefined` otherwise, or when the image sets no PATH.
 * NOTE: an ONBUILD ENV of the base image would change PATH too, and the partial base read here
 * cannot show one.
 */
function inheritedPath(image: ImageData, link: DockerfileLink): string | undefined {
  const steps = stageChain(link.plan).flatMap((stage) => link.plan.stages[stage].steps);
  if (steps.some((step) => step.variables.has('PATH') || step.assigned?.some((variable) => variable.name === 'PATH'))) return undefined;
  return imageConfig(image.config)?.env.get('PATH');
}

/** Predicts with the rules of the builder that made the image, where the prediction models it. */
export function builderKindOf(builder: HistoryBuilder | null): BuilderKind | undefined {
  if (builder === 'classic' || builder === 'buildah' || builder === 'buildkit') return builder;
  return undefined;
}

/**
 * Returns the format a buildah image was written in, as its configuration shows it. The OCI
 * image format has no `Shell` and no `OnBuild`, and buildah 1.28.2 writes `OnBuild` (`[]` when
 * empty) in every Docker-format image (`--format docker`), so either field means Docker's format.
 * NOTE: pushing a Docker-format image as `oci:` drops both fields, so such an image reads as `oci`.
 */
export function buildahFormatOf(image: ImageData): BuildahFormat {
  const inner = image.config.config;
  if (typeof inner !== 'object' || inner === null) return 'oci';
  const { Shell, OnBuild } = inner as Record<string, unknown>;
  const recordsShell = Array.isArray(Shell) && Shell.length > 0;
  return recordsShell || Array.isArray(OnBuild) ? 'docker' : 'oci';
}
