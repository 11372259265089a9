/**
 * Finds stage names misspelt in `FROM`, `COPY --from` and `RUN --mount=from=`. Builders take a
 * name that is neither a stage nor a named build context for an image and try to pull it, so the
 * build fails there with a pull error that does not mention the stage meant.
 */
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import { isOneEditApart } from '../dockerfile/instructionNames';
import { expandWord } from '../dockerfile/words';
import { mountSource } from './stageBuilds';
import type { Problem, StageInfo } from './types';

/** The shortest name checked: one edit changes too much of a shorter name for the suggestion to be likely. */
const MIN_CHECKED_LENGTH = 3;

export interface StageNameContext {
  /** Names of the named build contexts the builder reads. `--from` and `FROM` resolve a name to one of them before taking it for an image. */
  namedContexts: ReadonlySet<string>;
  /** Returns whether the image of this reference was read, so that it exists. */
  isKnownImage?: (reference: string) => boolean;
}

/**
 * Returns a warning for each `FROM`, `COPY --from` and `RUN --mount=from=` that names an image
 * one edit away from the name of an earlier stage (case-insensitive). A name with `/`, `:` or
 * `@` is taken for a real image reference, and so is an image that was read.
 */
export function stageNameTypos(plan: BuildPlan, context: StageNameContext): Problem[] {
  const problems: Problem[] = [];
  for (const stage of plan.stages) {
    const earlier = plan.stages.slice(0, stage.info.index).map(({ info }) => info);
    for (const step of stage.steps) {
      for (const reference of imageReferences(plan, step)) {
        const close = closeStageNames(reference, earlier, context);
        if (close.length === 0) continue;
        const { line, endLine } = step.instruction;
        const names = close.map((name) => `"${name}"`).join(' or ');
        problems.push({ line, endLine, severity: 'warning', message: `No stage is named "${reference}", so builders take it for an image to pull. Did you mean the stage ${names}?` });
      }
    }
  }
  return problems;
}

/** Lists the names a step gives for another stage or an image: its FROM's base, its `--from`, its mounts' `from=`. */
function imageReferences(plan: BuildPlan, step: PlannedStep): string[] {
  const info = plan.stages[step.stage].info;
  if (step.kind === 'from') return info.parentStage === null ? [info.baseResolved] : [];
  if (step.copy?.from) return [step.copy.from];
  // The classic builder rejects RUN --mount, so a mount's source matters only to the others.
  if (step.kind !== 'run' || plan.builder === 'classic') return [];
  const references: string[] = [];
  for (const flag of step.instruction.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    const source = mountSource(expandWord(flag.value, (name) => step.variables.get(name)).value);
    if (source) references.push(source);
  }
  return references;
}

/** Returns the names of `stages` one edit away from `reference`, or none when `reference` names a stage, a context or a real image. */
function closeStageNames(reference: string, stages: readonly StageInfo[], context: StageNameContext): string[] {
  const lower = reference.toLowerCase();
  if (lower.length < MIN_CHECKED_LENGTH || lower === 'scratch' || /[/:@]/.test(lower)) return [];
  if (context.namedContexts.has(reference) || context.isKnownImage?.(reference)) return [];
  const names = stages.map((stage) => stage.name).filter((name): name is string => name !== null);
  if (names.includes(lower)) return [];
  return [...new Set(names.filter((name) => isOneEditApart(lower, name)))];
}
