/**
 * Reads one stage of an analysis as if it were the target, so that the views explain the lines
 * of every stage with the same code that explains the target's.
 */
import type { LinkedAnalysis } from '../image/linkedAnalysis';
import type { Analysis, Step } from './types';

/** A step together with the analysis whose `steps` and `stack` hold it. */
export interface StageStep {
  view: Analysis;
  step: Step;
}

/** Returns whether a stage's steps are part of the target's chain (`Analysis.steps`). */
export function inTargetChain(analysis: Analysis, stage: number): boolean {
  return analysis.steps.some((step) => step.stage === stage);
}

/**
 * Returns the analysis with `stage` as its target: the analysis itself for a stage of the
 * target's chain, else that stage's chain, without the linked image, whose layers belong to the
 * target. `undefined` when the analysis has no chain for the stage.
 */
export function stageView(analysis: Analysis, stage: number): Analysis | undefined {
  return inTargetChain(analysis, stage) ? analysis : chainView(analysis, stage);
}

/**
 * Returns the analysis of a stage's own chain, even for a stage the target continues, without
 * the linked image. `undefined` when the analysis has no chain for the stage.
 */
export function chainView(analysis: Analysis, stage: number): Analysis | undefined {
  const chain = analysis.stageChains?.[stage];
  if (!chain) return undefined;
  const view: Partial<LinkedAnalysis> & Analysis = { ...analysis, target: stage, steps: chain.steps, stack: chain.stack };
  delete view.image;
  return view;
}

/**
 * Finds the step whose lines (first to last, heredoc bodies included) hold a 1-based line, in
 * the target's chain first, then in the stage the line belongs to. When several steps of a chain
 * do, the last wins: a linked image's base layers share the FROM line with the FROM step. The
 * steps of build triggers share it too but are left out, because the FROM's hover describes them.
 */
export function findStageStep(analysis: Analysis, line: number): StageStep | undefined {
  const inTarget = lastStepAt(analysis.steps, line);
  if (inTarget) return { view: analysis, step: inTarget };
  for (const [stage, chain] of (analysis.stageChains ?? []).entries()) {
    const step = lastStepAt(chain.steps.filter((candidate) => candidate.stage === stage), line);
    const view = step && stageView(analysis, stage);
    if (step && view) return { view, step };
  }
  return undefined;
}

function lastStepAt(steps: readonly Step[], line: number): Step | undefined {
  let found: Step | undefined;
  for (const step of steps) if (!step.trigger && step.line <= line && line <= step.endLine) found = step;
  return found;
}
