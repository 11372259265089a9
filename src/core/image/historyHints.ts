/**
 * Reads from a build plan the facts that place the parts of its RUN entries: the SHELL in force
 * at each step and the names its ARG lines declare (see `recordedRun.ts`).
 */
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import { splitWords } from '../dockerfile/words';
import { DEFAULT_SHELL, type HistoryHints } from './recordedRun';

/** Returns the ARG names of every stage and every SHELL of `plan`, the default shell among them. */
export function historyHints(plan: BuildPlan): HistoryHints {
  const argNames = new Set<string>();
  const shells: Array<readonly string[]> = [DEFAULT_SHELL];
  for (const step of plan.stages.flatMap((stage) => stage.steps)) {
    const { keyword, args, json } = step.instruction;
    if (keyword === 'ARG') for (const word of splitWords(args)) argNames.add(word.split('=', 1)[0]);
    if (keyword === 'SHELL' && json && json.length > 0) shells.push(json);
  }
  return { argNames, shells };
}

/**
 * Returns the SHELL in force before each step: that of the stage's last SHELL line before it,
 * else that in force at the end of the stage it is built FROM. A stage FROM an image starts with
 * `undefined`, because the image's configuration may set a SHELL that the plan does not show.
 */
export function shellsInForce(plan: BuildPlan): Map<PlannedStep, readonly string[] | undefined> {
  const shells = new Map<PlannedStep, readonly string[] | undefined>();
  const atEnd: Array<readonly string[] | undefined> = [];
  for (const { info, steps } of plan.stages) {
    // A FROM names an earlier stage only, so its shell at the end is already known.
    let shell = info.parentStage === null ? undefined : atEnd[info.parentStage];
    for (const step of steps) {
      shells.set(step, shell);
      const { keyword, json } = step.instruction;
      if (keyword === 'SHELL' && json && json.length > 0) shell = json;
    }
    atEnd.push(shell);
  }
  return shells;
}
