/**
 * Warns that the classic builder leaves out the Dockerfile's own ignore file. The docker CLI
 * filters that builder's context by the root's `.dockerignore` alone, so the paths that
 * `<Dockerfile>.dockerignore` excludes, keys among them, reach the build without a word.
 */
import { problemPath, unreadIgnoreFile } from '../context/ignoreFile';
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import type { Problem, StageBuild } from './types';

/**
 * Returns a warning on the first built COPY or ADD that reads the build context, or on line 1
 * when there is none, if the builder skips an existing `<Dockerfile>.dockerignore`.
 */
export async function unreadIgnoreFileProblem(plan: BuildPlan, builds: readonly StageBuild[], dockerfilePath: string, contextPath: string): Promise<Problem | undefined> {
  const file = await unreadIgnoreFile(plan.builder, dockerfilePath);
  if (file === undefined) return undefined;
  const lead = `The classic builder ignores ${problemPath(contextPath, file)}, because it reads only .dockerignore at the context root.`;
  const advice = 'Build with BuildKit, or put the patterns in the root .dockerignore.';
  const step = firstContextCopy(plan, builds);
  if (!step) {
    return { line: 1, endLine: 1, severity: 'warning', scope: 'build', message: `${lead} So the paths that file excludes stay in the build context. ${advice}` };
  }
  const { line, endLine, keyword } = step.instruction;
  return { line, endLine, severity: 'warning', message: `${lead} So the paths that file excludes stay in the build context, where this ${keyword} can copy them. ${advice}` };
}

/** Finds the first COPY or ADD of a built stage with a source in the build context. */
function firstContextCopy(plan: BuildPlan, builds: readonly StageBuild[]): PlannedStep | undefined {
  for (const [index, stage] of plan.stages.entries()) {
    if (!builds[index]?.built) continue;
    const step = stage.steps.find(readsContext);
    if (step) return step;
  }
  return undefined;
}

/** Tells whether a step copies from the build context: not from a stage or image, and not only URLs or heredocs. */
function readsContext(step: PlannedStep): boolean {
  const spec = step.copy;
  if ((step.kind !== 'copy' && step.kind !== 'add') || !spec || spec.from !== null) return false;
  // ADD also takes URLs and Git addresses, which the builder downloads instead of reading the context.
  return spec.sources.some((source) => step.kind === 'copy' || !/^([a-z][a-z0-9+.-]*:\/\/|git@)/i.test(source));
}
