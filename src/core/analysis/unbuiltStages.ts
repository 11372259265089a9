/**
 * Rewords the errors of steps in stages the builder does not build for the target. Such a step
 * never runs, so its error cannot fail this build. It stays listed as a warning, because the
 * step would fail in a build that does reach its stage.
 */
import { builderNames } from '../dockerfile/builders';
import { capitalize } from '../report/format';
import { withoutBuildFailsClaim } from './buildFailsClaim';
import { quotedStageName } from './stageBuildText';
import type { BuildPlan } from '../dockerfile/plan';
import type { Problem, StageBuild } from './types';

/**
 * Returns the problems with each error on a line of an unbuilt stage turned into a warning that
 * names the reason. Errors that reject the whole Dockerfile, or concern the whole build, are kept:
 * BuildKit and the classic builder parse every stage before building any (`instructions.Parse`
 * over the whole file), so a parse error fails every build. buildah 1.28 finds an unknown
 * instruction or flag only at its step, so under buildah such an error is a step error. A stage
 * that the target does not use is skipped with it (seen in a real build), so it becomes a warning.
 */
export function demoteUnbuiltStageErrors(plan: BuildPlan, builds: readonly StageBuild[], problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => {
    if (problem.severity !== 'error' || problem.scope !== undefined) return problem;
    const stage = stageOfLine(plan, problem.line);
    const build = stage === undefined ? undefined : builds[stage];
    if (stage === undefined || !build || build.built) return problem;
    return { ...problem, severity: 'warning', failsIfBuilt: true, message: `${withoutBuildFailsClaim(problem.message)} ${notBuiltSentence(plan, stage, build)}` };
  });
}

/** Returns the index of the stage whose lines, from its FROM to the next stage's, hold `line`. */
function stageOfLine(plan: BuildPlan, line: number): number | undefined {
  let found: number | undefined;
  for (const stage of plan.stages) if (stage.info.line <= line) found = stage.info.index;
  return found;
}

function notBuiltSentence(plan: BuildPlan, stage: number, build: StageBuild): string {
  const builder = capitalize(builderNames[plan.builder]);
  const reason = build.reason === 'after-target' ? 'it stops after the target' : 'the target does not use it';
  return (
    `${builder} does not build stage ${quotedStageName(plan.stages[stage].info)} for the target stage ${quotedStageName(plan.stages[plan.target].info)}, because ${reason}. ` +
    'This step would fail only in a build that includes that stage.'
  );
}

