/**
 * Finds the build arguments that the build never reads. The classic builder and buildah warn
 * about them ("One or more build-args [NOPE] were not consumed", `WarnOnUnusedBuildArgs` in Moby's
 * builder/dockerfile/buildargs.go), because a misspelled name otherwise changes nothing in silence.
 * The CLI's `--build-arg` and the editor's `buildArgs` setting share this check.
 */
import type { BuilderKind } from '../dockerfile/builders';
import { parseDockerfile } from '../dockerfile/parse';
import { planBuild, type PlanOptions } from '../dockerfile/plan';
import { platformArgs } from '../dockerfile/scope';
import { splitWords } from '../dockerfile/words';
import { stageBuilds } from './stageBuilds';

/**
 * The proxy arguments that Docker passes to every RUN without an ARG, so they never count as
 * unused (`builtinAllowedBuildArgs` in Moby's builder/dockerfile/buildargs.go).
 */
const PROXY_ARGS = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']);

/**
 * Lists the names among `names` that no ARG declares, in the order given: neither an ARG before
 * the first FROM nor one of a stage the builder builds for the target. The proxy arguments, the
 * platform ARGs that BuildKit and buildah define, and BuildKit's own options (`BUILDKIT_*`,
 * `SOURCE_DATE_EPOCH`) are read without an ARG, so they are never listed.
 */
export function unusedBuildArgs(text: string, names: readonly string[], planOptions: PlanOptions): string[] {
  // Without names nothing is unused, so `explain` without --build-arg does not plan the Dockerfile once more.
  if (names.length === 0) return [];
  const builder = planOptions.builder ?? 'buildkit';
  const declared = declaredArgNames(text, planOptions);
  return [...new Set(names)].filter((name) => !declared.has(name) && !readWithoutArg(name, builder));
}

/** The names of the platform ARGs (`TARGETARCH` and the rest), which are the same for every platform. */
const anyPlatform = { os: 'linux', architecture: 'amd64' };
const PLATFORM_ARGS = new Set(Object.keys(platformArgs({ target: anyPlatform, build: anyPlatform })));

function readWithoutArg(name: string, builder: BuilderKind): boolean {
  if (PROXY_ARGS.has(name)) return true;
  if (builder !== 'classic' && PLATFORM_ARGS.has(name)) return true;
  return builder === 'buildkit' && (name.startsWith('BUILDKIT_') || name === 'SOURCE_DATE_EPOCH');
}

/** Collects the names that the global ARGs and the ARGs of the built stages declare. */
function declaredArgNames(text: string, planOptions: PlanOptions): Set<string> {
  const parsed = parseDockerfile(text);
  const firstFrom = parsed.instructions.findIndex((instruction) => instruction.keyword === 'FROM');
  const globals = firstFrom < 0 ? parsed.instructions : parsed.instructions.slice(0, firstFrom);
  const plan = planBuild(text, planOptions);
  const builds = stageBuilds(plan);
  const stageArgs = plan.stages.filter((_, index) => builds[index]?.built).flatMap((stage) => stage.steps.map((step) => step.instruction));
  const names = new Set<string>();
  for (const instruction of [...globals, ...stageArgs]) {
    if (instruction.keyword !== 'ARG') continue;
    for (const word of splitWords(instruction.args, parsed.escape)) names.add(word.split('=')[0]);
  }
  return names;
}
