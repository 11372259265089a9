/**
 * Warns when a builder may skip the Dockerfile's own ignore file. The docker CLI filters the
 * classic builder's context by the root's `.dockerignore` alone, so the paths that
 * `<Dockerfile>.dockerignore` excludes, keys among them, reach the build without a word.
 * buildah 1.28 reads the Dockerfile's own file only where its `-f` path leads (see
 * `ignoreFileDockerfile`), so it gets a note.
 */
import { chosenIgnoreFile, ignoreFileOptions, problemPath, unreadIgnoreFile } from '../context/ignoreFile';
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import type { Problem, StageBuild } from './types';

/**
 * Returns a problem on the first built COPY or ADD that reads the build context, or on line 1
 * when there is none. It is a warning when the builder skips an existing
 * `<Dockerfile>.dockerignore`, and for buildah an info on when buildah reads that file.
 */
export async function unreadIgnoreFileProblem(plan: BuildPlan, builds: readonly StageBuild[], dockerfilePath: string, contextPath: string): Promise<Problem | undefined> {
  if (plan.builder === 'buildah') return buildahIgnoreFileNote(plan, builds, dockerfilePath, contextPath);
  const file = await unreadIgnoreFile(plan.builder, dockerfilePath);
  if (file === undefined) return undefined;
  const lead = `The classic builder ignores ${problemPath(contextPath, file)}, because it reads only .dockerignore at the context root.`;
  const advice = 'Build with BuildKit, or put the patterns in the root .dockerignore.';
  return placed(plan, builds, 'warning', (keyword) => `${lead} So the paths that file excludes stay in the build context${copiedBy(keyword)}. ${advice}`);
}

/**
 * Words when buildah reads the Dockerfile's own ignore file, if the prediction read one. buildah
 * 1.28 joins a relative `-f` path onto the context folder (`ContainerIgnoreFile` in its
 * `pkg/parse`), so `buildah bud -f ctx/app.Dockerfile ctx` run above `ctx` looks for
 * `ctx/ctx/app.Dockerfile.dockerignore` and falls back to the context root's ignore file.
 */
async function buildahIgnoreFileNote(plan: BuildPlan, builds: readonly StageBuild[], dockerfilePath: string, contextPath: string): Promise<Problem | undefined> {
  const files = await buildahIgnoreFiles(dockerfilePath, contextPath);
  if (files === undefined) return undefined;
  const { own, fallback } = files;
  return placed(plan, builds, 'info', (keyword) =>
    `${buildahIgnoreFileRule(own, fallback)}, so the paths that only ${own} excludes stay in the build context${copiedBy(keyword)}. ${BUILDAH_IGNORE_FILE_ADVICE}`);
}

/**
 * Words when buildah reads `own` and what it reads with a relative -f from another folder
 * (`fallback`, `null` for none): two sentences, the second left open for its consequence.
 * `explain`'s info and `image --dockerfile` share them.
 */
export function buildahIgnoreFileRule(own: string, fallback: string | null): string {
  const instead = fallback === null ? 'no ignore file' : `${fallback} instead`;
  return `buildah reads ${own} only when -f names the Dockerfile by an absolute path or by a path relative to the context folder. With a relative -f from another folder it reads ${instead}`;
}

/** How to have buildah read the Dockerfile's own ignore file. */
export const BUILDAH_IGNORE_FILE_ADVICE = 'Pass -f an absolute path, or run buildah from the context folder.';

/**
 * Returns the Dockerfile's own ignore file that buildah reads for a build of `dockerfilePath` from
 * `contextPath` (see `buildahIgnoreFileNote`), and the one it reads instead with a relative -f
 * from another folder (`null`: none), both as `problemPath` names them. Returns `undefined` when
 * buildah reads no ignore file of the Dockerfile's own.
 */
export async function buildahIgnoreFiles(dockerfilePath: string, contextPath: string): Promise<{ own: string; fallback: string | null } | undefined> {
  const file = await chosenIgnoreFile(contextPath, ignoreFileOptions('buildah', dockerfilePath));
  if (file === undefined || !file.startsWith(`${dockerfilePath}.`)) return undefined;
  const fallback = await chosenIgnoreFile(contextPath, { containerIgnore: true });
  return { own: problemPath(contextPath, file), fallback: fallback === undefined ? null : problemPath(contextPath, fallback) };
}

/** Places a problem about the ignore file on the first step that reads the build context, or on line 1. */
function placed(plan: BuildPlan, builds: readonly StageBuild[], severity: 'warning' | 'info', message: (keyword: string | undefined) => string): Problem {
  const step = firstContextCopy(plan, builds);
  if (!step) return { line: 1, endLine: 1, severity, scope: 'build', message: message(undefined) };
  const { line, endLine, keyword } = step.instruction;
  return { line, endLine, severity, message: message(keyword) };
}

function copiedBy(keyword: string | undefined): string {
  return keyword === undefined ? '' : `, where this ${keyword} can copy them`;
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
