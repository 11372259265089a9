/** Links a read image to the Dockerfile it was built from: the plan and the history mapping. */
import type { ParsedInstruction } from '../dockerfile/parse';
import { planBuild, stageChain, type BuildPlan, type PlanOptions } from '../dockerfile/plan';
import { baseTriggerNote } from './baseTriggerNote';
import { buildahFormatOf, builderKindOf } from './linkedBuild';
import { mapHistory, type HistoryMapping } from './mapHistory';
import { differingBuildArgs, recordedBuildArgs } from './recordedBuildArgs';
import type { HistoryEntry, ImageData } from './types';

export interface DockerfileLink {
  /** The Dockerfile as the user named it, for reports. */
  path: string;
  plan: BuildPlan;
  /** `mapping.stepEntries[i]` is the history entry of `Analysis.steps[i]` for the same options. */
  mapping: HistoryMapping;
  /**
   * The build arguments the plan used: those passed in, and those read from the history for
   * arguments given no value. A prediction to merge with this link should use the same.
   */
  buildArgs: Record<string, string>;
  /** The names in `buildArgs` whose value was read from the image's history, sorted. */
  buildArgsFromHistory: string[];
}

/** The options of `linkDockerfile`: the plan's, as for `analyze`, and the Dockerfile's path. */
export interface LinkOptions extends PlanOptions {
  /** The Dockerfile as the user named it, for reports. */
  path: string;
  /** The sentence that ends the note on a base image's ONBUILD triggers: how to have the base image read. */
  baseTriggerAdvice?: string;
}

/**
 * Plans `text` with `options` (target, build arguments and base image configurations, as for
 * `analyze`) and maps the image's history entries to the target's steps. An argument given no
 * value takes the value the history records for it, because that is the value the image was built
 * with. The recorded values are kept only when they match no fewer lines by text. Values passed
 * in always win. The ONBUILD triggers of a base image whose configuration `baseImages` returns
 * are steps of the FROM, so the entries they recorded map to its line. Without it they map as
 * base image entries, and an info on the FROM line reports it when the base's history suggests it.
 */
export function linkDockerfile(image: ImageData, text: string, options: LinkOptions): DockerfileLink {
  const history = image.steps.map((step) => step.history);
  const link = planAndMap(image, history, text, options);
  const note = baseTriggerNote(history, link.plan, link.mapping, options.baseTriggerAdvice);
  if (note) link.mapping.problems = [...link.mapping.problems, note].sort((a, b) => a.line - b.line);
  return link;
}

function planAndMap(image: ImageData, history: readonly HistoryEntry[], text: string, options: LinkOptions): DockerfileLink {
  const passed = { ...options.buildArgs };
  const planOptions = buildahPlanOptions(image, text, { target: options.target, buildArgs: passed, baseImages: options.baseImages });
  const plan = planBuild(text, planOptions);
  const recorded = recordedBuildArgs(history, plan);
  const fromHistory = differingBuildArgs(recorded, plan).filter((item) => !Object.hasOwn(passed, item.name));
  const plain = mapWithHint(history, plan, recorded);
  const link: DockerfileLink = { path: options.path, plan, mapping: plain, buildArgs: passed, buildArgsFromHistory: [] };
  if (fromHistory.length === 0) return link;

  const merged = { ...Object.fromEntries(fromHistory.map((item) => [item.name, item.recorded])), ...passed };
  const mergedPlan = planBuild(text, { ...planOptions, buildArgs: merged });
  const mergedMapping = mapWithHint(history, mergedPlan, recorded);
  if (exactSteps(mergedMapping) < exactSteps(plain)) return link;
  return { path: options.path, plan: mergedPlan, mapping: mergedMapping, buildArgs: merged, buildArgsFromHistory: fromHistory.map((item) => item.name) };
}

/**
 * Returns the Dockerfile instruction that made history entry `entry`, or `undefined` when no step
 * made it or the step's line changed since the build, so that it no longer reads as it ran.
 */
export function mappedInstruction(link: DockerfileLink, entry: number): ParsedInstruction | undefined {
  const mapped = link.mapping.entries[entry];
  if (mapped?.role !== 'step' || mapped.match !== 'exact' || mapped.step === null) return undefined;
  const chain = stageChain(link.plan).flatMap((stage) => link.plan.stages[stage].steps);
  return chain[mapped.step]?.instruction;
}

/**
 * Returns the plan options with buildah's rules and image format when buildah wrote the image's
 * history. In its default OCI format a FROM of a stage runs none of the stage's ONBUILD
 * triggers, so planned with BuildKit's rules the triggers would be steps that the image lacks.
 */
function buildahPlanOptions(image: ImageData, text: string, options: PlanOptions): PlanOptions {
  const history = image.steps.map((step) => step.history);
  const builder = builderKindOf(mapHistory(history, planBuild(text, options)).builder);
  return builder === 'buildah' ? { ...options, builder, buildahFormat: buildahFormatOf(image) } : options;
}

/** Maps the history, naming in its problems the recorded build arguments the plan did not use. */
function mapWithHint(history: readonly HistoryEntry[], plan: BuildPlan, recorded: ReadonlyMap<string, string>): HistoryMapping {
  return mapHistory(history, plan, { buildArgDifferences: differingBuildArgs(recorded, plan) });
}

/** Counts the steps whose history entry records their text. */
function exactSteps(mapping: HistoryMapping): number {
  return mapping.entries.filter((link) => link.role === 'step' && link.match === 'exact').length;
}
