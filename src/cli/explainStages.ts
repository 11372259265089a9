/** The section of `explain`'s text that lists the stages outside the target's chain. */
import { describeStageBuild, quotedStageName } from '../core/analysis/stageBuildText';
import type { Analysis, StageInfo } from '../core/analysis/types';
import { plural } from '../core/report/format';
import { escapeControlCharacters } from './terminalText';

/**
 * Lists each stage whose steps the text does not show, one line each: its step count and whether
 * the builder builds it for the target. Returns no lines when every stage is in the target's chain.
 */
export function renderOtherStages(analysis: Analysis): string[] {
  const chainStages = new Set(analysis.steps.map((step) => step.stage));
  const others = analysis.stages.filter((stage) => !chainStages.has(stage.index) && stage.index !== analysis.target);
  if (others.length === 0) return [];
  return ['Other stages (their layers are not listed):', ...others.map((stage) => renderStage(analysis, stage))];
}

function renderStage(analysis: Analysis, stage: StageInfo): string {
  const label = stage.name === null ? `Stage ${stage.index}` : `Stage ${stage.index} "${stage.name}"`;
  // A stage's chain also contains the stages it continues, whose steps are not its own.
  const steps = analysis.stageChains?.[stage.index]?.steps.filter((step) => step.stage === stage.index).length;
  const count = steps === undefined ? '' : `, ${plural(steps, 'step')}`;
  const build = describeStageBuild(analysis, stage.index, quotedStageName) ?? 'Whether the builder builds it is not known.';
  // Stage names come from the Dockerfile, which may contain escape sequences.
  return escapeControlCharacters(`  ${label}${count}: ${build}`);
}
