/**
 * The facts of an image's history that a prediction linked to the image uses: the base image the
 * target's chain starts from, and the builder to model. The editor and `layer-lens image` share them.
 */
import type { BuilderKind } from '../dockerfile/builders';
import { stageChain } from '../dockerfile/plan';
import type { KnownImage } from '../predict/baseImage';
import type { HistoryBuilder } from './historyForms';
import { knownImageOf } from './knownImage';
import type { DockerfileLink } from './linkDockerfile';
import type { ImageData } from './types';

/** Returns the base image reference at the root of the target's chain, or `undefined` for scratch. */
function rootBaseOf(link: DockerfileLink): string | undefined {
  if (link.plan.target < 0) return undefined;
  const root = link.plan.stages[stageChain(link.plan)[0]].info;
  if (root.parentStage !== null || root.baseResolved.toLowerCase() === 'scratch') return undefined;
  return root.baseResolved;
}

/**
 * Returns the image's own base layers as the content of the reference the target's chain starts
 * from, or `undefined` when the chain starts from scratch or the image has no base entries.
 */
export function linkedBaseImage(image: ImageData, link: DockerfileLink): { reference: string; known: KnownImage } | undefined {
  const reference = rootBaseOf(link);
  if (reference === undefined || link.mapping.baseEntries === 0) return undefined;
  return { reference, known: knownImageOf(image, link.mapping.baseEntries) };
}

/** Predicts with the rules of the builder that made the image, where the prediction models it. */
export function builderKindOf(builder: HistoryBuilder | null): BuilderKind | undefined {
  if (builder === 'classic' || builder === 'buildah' || builder === 'buildkit') return builder;
  return undefined;
}
