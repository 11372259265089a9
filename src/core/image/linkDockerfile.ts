/** Links a read image to the Dockerfile it was built from: the plan and the history mapping. */
import { planBuild, type BuildPlan, type PlanOptions } from '../dockerfile/plan';
import { mapHistory, type HistoryMapping } from './mapHistory';
import type { ImageData } from './types';

export interface DockerfileLink {
  /** The Dockerfile as the user named it, for reports. */
  path: string;
  plan: BuildPlan;
  /** `mapping.stepEntries[i]` is the history entry of `Analysis.steps[i]` for the same options. */
  mapping: HistoryMapping;
}

/**
 * Plans `text` with `options` (target and build arguments, as for `analyze`) and maps the
 * image's history entries to the target's steps.
 */
export function linkDockerfile(image: ImageData, text: string, options: PlanOptions & { path: string }): DockerfileLink {
  const plan = planBuild(text, { target: options.target, buildArgs: options.buildArgs });
  return { path: options.path, plan, mapping: mapHistory(image.steps.map((step) => step.history), plan) };
}
