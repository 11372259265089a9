/**
 * The facts of an image's history that a prediction linked to the image uses: the base image the
 * target's chain starts from, and the builder to model. The editor and `layer-lens image` share them.
 */
import type { BuilderKind } from '../dockerfile/builders';
import { stageChain } from '../dockerfile/plan';
import type { HistoryBuilder } from './historyForms';
import type { DockerfileLink } from './linkDockerfile';

/** Returns the base image reference at the root of the target's chain, or `undefined` for scratch. */
export function rootBaseOf(link: DockerfileLink): string | undefined {
  if (link.plan.target < 0) return undefined;
  const root = link.plan.stages[stageChain(link.plan)[0]].info;
  if (root.parentStage !== null || root.baseResolved.toLowerCase() === 'scratch') return undefined;
  return root.baseResolved;
}

/** Predicts with the rules of the builder that made the image, where the prediction models it. */
export function builderKindOf(builder: HistoryBuilder | null): BuilderKind | undefined {
  if (builder === 'classic' || builder === 'buildah' || builder === 'buildkit') return builder;
  return undefined;
}
