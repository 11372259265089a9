/**
 * Decides which stages a builder builds for the target.
 *
 * BuildKit builds only the stages the target reaches: the stage a `FROM <stage>` continues and the
 * stages that `COPY --from` and `RUN --mount=from=` name, followed from stage to stage
 * (`resolveReachableStages` in BuildKit's dockerfile2llb/convert.go). buildah 1.28 skips the
 * same stages, because `--skip-unused-stages` defaults to true. The classic builder cuts the
 * stage list after the target and builds every stage left (`stages[:targetIx+1]` in Moby's
 * builder/dockerfile/builder.go), whether the target uses it or not.
 *
 * A `COPY --from` with a variable (`--from=${SRC}`) names a stage under BuildKit only. The classic
 * builder does not expand the flag, so the COPY fails, and buildah 1.28 chooses the stages to build
 * from the flag as written (`Build` in imagebuildah/executor.go), although its COPY expands it.
 */
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import { flagValue } from '../dockerfile/flags';
import { expandWord } from '../dockerfile/words';
import type { StageBuild, StageUse } from './types';

/** Returns, per stage of the plan, whether the plan's builder builds it for the target and why. */
export function stageBuilds(plan: BuildPlan): StageBuild[] {
  const used = usedStages(plan);
  return plan.stages.map((_, index) => {
    const usedBy = used.get(index);
    if (index === plan.target) return { built: true, reason: 'target' };
    if (plan.builder === 'classic') {
      return index < plan.target ? { built: true, reason: 'before-target', usedBy } : { built: false, reason: 'after-target', usedBy };
    }
    return usedBy ? { built: true, reason: 'needed', usedBy } : { built: false, reason: 'unused' };
  });
}

/**
 * Finds the stages the target reaches, each with the first instruction that names it. The walk
 * goes breadth first from the target, so a stage is credited to the stage nearest the target.
 */
function usedStages(plan: BuildPlan): Map<number, StageUse> {
  const used = new Map<number, StageUse>();
  if (plan.target < 0) return used;
  const queue = [plan.target];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const stage = queue.shift() as number;
    for (const step of plan.stages[stage].steps) {
      for (const use of stageUses(plan, step)) {
        if (seen.has(use.target) || (plan.builder === 'buildah' && use.kind === 'copy' && hasVariableFrom(step))) continue;
        seen.add(use.target);
        used.set(use.target, { line: step.instruction.line, stage, kind: use.kind });
        queue.push(use.target);
      }
    }
  }
  return used;
}

/** Lists the stages one step names: the stage its FROM continues, a `COPY --from`, a `RUN --mount=from=`. */
export function stageUses(plan: BuildPlan, step: PlannedStep): Array<{ target: number; kind: StageUse['kind'] }> {
  const uses: Array<{ target: number; kind: StageUse['kind'] }> = [];
  const add = (target: number | null, kind: StageUse['kind']) => {
    if (target !== null) uses.push({ target, kind });
  };
  if (step.kind === 'from') add(plan.stages[step.stage].info.parentStage, 'from');
  if (step.copy?.from && !(plan.builder === 'classic' && hasVariableFrom(step))) add(findStage(plan, step.copy.from), 'copy');
  if (step.kind === 'run') {
    for (const flag of step.instruction.flags) {
      if (flag.name !== 'mount' || flag.value === null) continue;
      // BuildKit expands the variables in force in a mount's fields, so `from=${STAGE}` names a stage.
      const value = expandWord(flag.value, (name) => step.variables.get(name)).value;
      add(findStage(plan, mountSource(value) ?? ''), 'mount');
    }
  }
  return uses;
}

/** Tells whether the step's `--from` flag contains a variable as written, such as `--from=${SRC}`. */
export function hasVariableFrom(step: PlannedStep): boolean {
  return flagValue(step.instruction.flags, 'from')?.includes('$') === true;
}

/** Reads the `from=` field of a `--mount` value such as `type=cache,target=/root/.cache,from=build`. */
export function mountSource(value: string): string | undefined {
  for (const field of value.split(',')) {
    const [key, ...rest] = field.split('=');
    if (key.trim().toLowerCase() === 'from') return rest.join('=').trim();
  }
  return undefined;
}

/** Resolves a stage name (compared in lower case) or index; `null` for an image or an unknown name. */
export function findStage(plan: BuildPlan, reference: string): number | null {
  if (reference === '') return null;
  const lower = reference.toLowerCase();
  const byName = plan.stages.findIndex((stage) => stage.info.name === lower);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(reference) && Number(reference) < plan.stages.length) return Number(reference);
  return null;
}
