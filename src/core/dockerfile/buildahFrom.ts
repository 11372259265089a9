/**
 * The failure of buildah 1.28 on a `COPY --from` that names a stage through a variable. buildah
 * chooses the stages to build from `--from` as written (see `stageBuilds`), and its COPY expands
 * the flag (`imagebuilder.ProcessWord` in imagebuildah/stage_executor.go). When no other line
 * makes it build the stage named, the COPY finds no stage of that name and fails, as a real
 * build of `COPY --from=${SRC}` with `ARG SRC=build` recorded.
 */
import type { Problem } from '../analysis/types';
import { findStage, hasVariableFrom, stageBuilds } from '../analysis/stageBuilds';
import type { BuildPlan } from './plan';

/** Lists an error for each COPY of a built stage whose `--from` variable names a stage that buildah skips. */
export function buildahVariableFromProblems(plan: BuildPlan): Problem[] {
  if (plan.builder !== 'buildah') return [];
  const builds = stageBuilds(plan);
  const problems: Problem[] = [];
  for (const [index, stage] of plan.stages.entries()) {
    if (!builds[index]?.built) continue;
    for (const step of stage.steps) {
      const from = step.copy?.from;
      const named = from && hasVariableFrom(step) ? findStage(plan, from) : null;
      if (from === null || from === undefined || named === null || builds[named]?.built) continue;
      // buildah turns an index into the stage's name, which is the index for a stage without one.
      const stageName = /^\d+$/.test(from) ? (plan.stages[named].info.name ?? from) : from;
      const { line, endLine } = step.instruction;
      // NOTE: buildah then looks for an image of that name, which a local image or a registry may have.
      const message = `buildah 1.28 chooses the stages to build from --from as written, before it expands the variable, so it skips stage "${stageName}" and this COPY finds no stage of that name ("COPY --from=${stageName}: no stage or image found with that name"). The build fails at this step. Write the stage name in --from, or use BuildKit.`;
      problems.push({ line, endLine, severity: 'error', message });
    }
  }
  return problems;
}
