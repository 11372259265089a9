/** Analyses a Dockerfile: plans the build, walks the build context, predicts the layers. */
import { dirname } from 'node:path';
import { listArchive } from '../archive/listArchive';
import { contextForBuilder } from '../context/builderContext';
import type { ContextIndex } from '../context/contextIndex';
import { chosenIgnoreFile, ignoreFileOptions } from '../context/ignoreFile';
import type { WalkOptions } from '../context/types';
import { walkContext } from '../context/walk';
import { NotRegularFileError, openRegularFile, type HostPath } from '../files/regularFile';
import { planBuild } from '../dockerfile/plan';
import { LayerStack } from '../model/stack';
import type { BuildahFormat, BuilderKind } from '../dockerfile/builders';
import type { ImageResolver, UnreadImageHint } from '../predict/baseImage';
import type { ArchiveLister, NamedContext } from '../predict/copy';
import { predictPlan } from '../predict/predict';
import { markFailedSteps } from './failedSteps';
import { globalArgLines } from './globalArgs';
import type { IncrementalPredictions } from './incremental';
import { markNotReachedSteps } from './notReached';
import { namedContextOption, unreadableContextMessage, unreadableNamedContextMessage, type OptionNames } from './optionNames';
import { rewordStepErrorsUnderRejection } from './rejectedDockerfile';
import { shippedCredentials } from './shippedCredentials';
import { stageBuilds } from './stageBuilds';
import { stageNameTypos } from './stageNameTypos';
import type { Analysis, Problem } from './types';
import { demoteUnbuiltStageErrors } from './unbuiltStages';
import { unreadIgnoreFileProblem } from './unreadIgnoreFile';

export interface AnalyzeInput {
  /** Absolute host path of the Dockerfile. */
  dockerfilePath: string;
  /** The Dockerfile's content (an editor may pass unsaved text). */
  text: string;
  /** Absolute host path of the build context; defaults to the Dockerfile's folder. */
  contextPath?: string;
  /** Stage name or index; defaults to the last stage. */
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
  /** An already walked context, so that an edit of the Dockerfile does not walk it again. */
  context?: ContextIndex;
  /** Lists local archives for `ADD`; defaults to reading them from disk. */
  listArchive?: ArchiveLister;
  /** The builder whose rules the prediction follows; defaults to BuildKit. */
  builder?: BuilderKind;
  /** Under buildah: the image format it writes, `oci` by default, which drops SHELL and ONBUILD. */
  buildahFormat?: BuildahFormat;
  /** The platform to build for, as `os/arch[/variant]`, for `TARGETPLATFORM` and its parts; the host's by default. */
  platform?: string;
  /** Contents of base images the caller has read; others are assumed to hold the standard folders. */
  images?: ImageResolver;
  /** The front end's advice on having an image read that `images` does not resolve. Without it the core gives a neutral sentence. */
  unreadImageHint?: UnreadImageHint;
  /** Earlier predictions of this Dockerfile, so that only the steps from the first edited one are predicted again. */
  incremental?: IncrementalPredictions;
  /** Named build contexts (`--build-context NAME=DIR`): absolute host folders by name. */
  namedContexts?: Readonly<Record<string, string>>;
  /** The names that problems give the options of the context, target and named contexts. The CLI's flags when absent. */
  optionNames?: OptionNames;
  /**
   * Keeps each layer's tree nodes and works out what a step's hover states about its layer (its
   * outline, unchanged rewrites and the files it hides). Each layer that a hover reads gets these
   * as it is pushed, so that the first hover after an analysis is fast. An editor sets it. A
   * caller that renders no hover leaves it off and saves that CPU time and memory, and a hover
   * then works the facts out on first use. A run with `incremental` continues the kept stacks as
   * the earlier run made them, so pass the same value on every run that shares one
   * `IncrementalPredictions`.
   */
  forHovers?: boolean;
}

export async function analyze(input: AnalyzeInput): Promise<Analysis> {
  const contextPath = input.contextPath ?? dirname(input.dockerfilePath);
  const images = input.images;
  const baseImages = images && ((reference: string) => images(reference)?.config);
  const plan = planBuild(input.text, { target: input.target, targetOption: input.optionNames?.target, buildArgs: input.buildArgs, builder: input.builder, buildahFormat: input.buildahFormat, platform: input.platform, baseImages });
  // Problems found while reading the build contexts, listed after the plan's.
  const readProblems: Problem[] = [];
  const ignoreOptions = ignoreFileOptions(plan.builder, input.dockerfilePath);
  const callerWalk = input.context;
  // A walk that read another ignore file than the builder reads does not fit, because the
  // classic builder skips the Dockerfile's own and buildah reads `.containerignore` first.
  const callerWalkFits = callerWalk !== undefined && callerWalk.ignoreFile === await chosenIgnoreFile(contextPath, ignoreOptions);
  const walked = callerWalkFits ? callerWalk : await walkOrReport(contextPath, ignoreOptions, input.optionNames?.context, readProblems);
  // One walk serves every builder; the classic builder and buildah receive only part of it.
  const context = walked && contextForBuilder(walked, plan.builder);
  const listArchive = input.listArchive ?? listTarMembers;
  const namedContexts = await walkNamedContexts(namedContextsFor(plan.builder, input.namedContexts ?? {}, input.optionNames, readProblems), input.optionNames, readProblems);
  // Kept predictions do not record which named contexts they read, so those builds start afresh.
  const reuse = namedContexts.size > 0 ? undefined : input.incremental?.begin(input.dockerfilePath, plan, { context, contextRoot: contextPath, builder: plan.builder, buildahFormat: input.buildahFormat, listArchive, images: input.images, unreadImageHint: input.unreadImageHint });
  const prediction = await predictPlan(plan, { context, contextRoot: contextPath, listArchive, images: input.images, unreadImageHint: input.unreadImageHint, reuse, namedContexts, forHovers: input.forHovers });
  const builds = stageBuilds(plan);
  const unreadIgnore = await unreadIgnoreFileProblem(plan, builds, input.dockerfilePath, contextPath);
  if (unreadIgnore) readProblems.push(unreadIgnore);
  // A plan error that fails only its own step (as buildah's unknown flags do) cannot fail a stage
  // the builder skips. Parse errors keep their scope and stay errors.
  // A rejection of the whole Dockerfile runs no step, so each step error is reworded to apply once the rejection is fixed.
  const planKept = demoteUnbuiltStageErrors(plan, builds, plan.problems);
  const stepKept = demoteUnbuiltStageErrors(plan, builds, prediction.problems);
  const planProblems = rewordStepErrorsUnderRejection(plan, planKept, [...planKept, ...stepKept]);
  const stepProblems = rewordStepErrorsUnderRejection(plan, stepKept, [...planKept, ...stepKept]);
  const typos = stageNameTypos(plan, { namedContexts: new Set(namedContexts.keys()), isKnownImage: (reference) => images?.(reference) !== undefined });
  const chains = markNotReachedSteps(plan, builds, markFailedSteps(prediction.stages, planProblems, stepProblems));
  const target = chains[plan.target];
  const credentials = target ? shippedCredentials(target.steps, target.stack, { plan, contextRoot: contextPath }) : [];
  const problems = [...planProblems, ...readProblems, ...stepProblems, ...typos, ...credentials];
  return {
    dockerfilePath: input.dockerfilePath,
    contextPath,
    builder: plan.builder,
    stages: plan.stages.map((stage) => stage.info),
    target: plan.target,
    steps: target?.steps ?? [],
    stack: target?.stack ?? new LayerStack(),
    problems: problems.sort((a, b) => a.line - b.line),
    contextProblems: context?.problems ?? [],
    stageChains: chains,
    stageBuilds: builds,
    globalArgs: globalArgLines(input.text, { buildArgs: input.buildArgs, builder: plan.builder, platform: input.platform }),
  };
}

/**
 * Lists a context file's members when it is a tar, and returns `null` when it is not, so ADD copies
 * it as a plain file. Rejects with the open error when the file cannot be opened, because then
 * whether ADD extracts it is unknown.
 */
async function listTarMembers(hostPath: HostPath) {
  const listing = await listArchive(hostPath);
  if (!listing.problem) return listing;
  // The listing words an open failure as a problem too, so a second open distinguishes the two.
  // NOTE: a read that fails after the open (EIO) still counts as a file that is no tar.
  await rejectUnopenable(hostPath);
  return null;
}

/** Rejects with the open error of a file that cannot be opened. A FIFO or folder counts as no tar. */
async function rejectUnopenable(hostPath: HostPath): Promise<void> {
  try {
    const { handle } = await openRegularFile(hostPath);
    await handle.close();
  } catch (error) {
    if (!(error instanceof NotRegularFileError)) throw error;
  }
}

/** Walks the context with the ignore file that `ignoreOptions` select, or reports why it cannot. */
async function walkOrReport(contextPath: string, ignoreOptions: WalkOptions, option: string | undefined, problems: Problem[]): Promise<ContextIndex | undefined> {
  try {
    return await walkContext(contextPath, ignoreOptions);
  } catch (error) {
    problems.push({ line: 1, endLine: 1, severity: 'error', scope: 'build', message: unreadableContextMessage(error, option) });
    return undefined;
  }
}

/**
 * Returns the named build contexts the builder reads. The classic builder has none, so it
 * resolves `COPY --from=NAME` and `FROM NAME` to an image called NAME; the folders are then
 * left out with a warning each.
 */
function namedContextsFor(builder: BuilderKind, folders: Readonly<Record<string, string>>, names: OptionNames | undefined, problems: Problem[]): Readonly<Record<string, string>> {
  if (builder !== 'classic') return folders;
  for (const name of Object.keys(folders)) {
    problems.push({
      line: 1, endLine: 1, severity: 'warning', scope: 'build',
      message:
        `The classic Docker builder has no named build contexts, so ${namedContextOption(names, name)} is ignored. ` +
        `A COPY --from=${name} or FROM ${name} reads an image called "${name}" instead. BuildKit, the default builder, reads the folder.`,
    });
  }
  return {};
}

/**
 * Walks each named build context. One that cannot be read becomes a problem and stays without an
 * index, so that `COPY --from` its name copies unknown files rather than reading an image.
 */
async function walkNamedContexts(folders: Readonly<Record<string, string>>, names: OptionNames | undefined, problems: Problem[]): Promise<Map<string, NamedContext>> {
  const walked = new Map<string, NamedContext>();
  for (const [name, root] of Object.entries(folders)) {
    try {
      walked.set(name, { index: await walkContext(root), root });
    } catch (error) {
      walked.set(name, { index: undefined, root });
      const message = unreadableNamedContextMessage(error, name, namedContextOption(names, name));
      problems.push({ line: 1, endLine: 1, severity: 'error', scope: 'build', message });
    }
  }
  return walked;
}
