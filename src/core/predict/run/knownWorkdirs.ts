/**
 * The working directory of each step as far as the Dockerfile alone shows it. A quick fix does
 * not read base images, so a stage on an outside image has a known folder only from its first
 * absolute WORKDIR on, although the plan takes such a stage to start in `/`.
 */
import type { BuildPlan } from '../../dockerfile/plan';

/** Maps each step's first line to the folder it runs in, or to `undefined` where that depends on a base image. */
export function knownWorkdirs(plan: BuildPlan): Map<number, string | undefined> {
  const workdirs = new Map<number, string | undefined>();
  const stageEnds: Array<string | undefined> = [];
  plan.stages.forEach((stage) => {
    const parent = stage.info.parentStage;
    let current = parent === null ? undefined : stageEnds[parent];
    for (const step of stage.steps) {
      workdirs.set(step.instruction.line, current);
      if (step.kind !== 'workdir') continue;
      // A relative WORKDIR is known only on top of a known folder. `WORKDIR $HOME` counts as
      // absolute when the variable's value does, as the builder expands it before joining.
      current = step.workdirFromRoot || current !== undefined ? step.workdirPath : undefined;
    }
    stageEnds.push(current);
  });
  return workdirs;
}
