/**
 * The note on the FROM line of a linked image whose base image may have run ONBUILD triggers
 * that the link could not see, because the base image's configuration was not read.
 */
import type { Problem } from '../analysis/types';
import { stageChain, type BuildPlan } from '../dockerfile/plan';
import { parseCreatedBy } from './historyForms';
import type { HistoryMapping } from './mapHistory';
import type { HistoryEntry } from './types';

/**
 * Returns an info on the first FROM of the target's chain when the base image's history entries
 * record ONBUILD and the plan ran no trigger of that base image. The image's own configuration
 * lists no trigger, because a build clears the triggers it ran, so only the base's history shows
 * them. An ONBUILD entry may also belong to an older image below the base, whose triggers already
 * ran, so the note states a possibility. `advice` ends the message, such as how to have the
 * base image read.
 */
export function baseTriggerNote(history: readonly HistoryEntry[], plan: BuildPlan, mapping: HistoryMapping, advice = ''): Problem | undefined {
  if (plan.target < 0) return undefined;
  const root = plan.stages[stageChain(plan)[0]];
  if (root.info.parentStage !== null || root.info.baseConfigRead) return undefined;
  const recorded = history.slice(0, mapping.baseEntries).filter((entry) => parseCreatedBy(entry.createdBy, entry.comment ?? '').keyword === 'ONBUILD');
  if (recorded.length === 0) return undefined;
  const from = root.steps[0].instruction;
  const entries = recorded.length === 1 ? 'an ONBUILD entry' : `${recorded.length} ONBUILD entries`;
  const message = `The base image's history has ${entries}, so the build may have run ONBUILD triggers after this FROM. Their layers are then counted as base image layers, because the base image's configuration, which lists its triggers, was not read.${advice === '' ? '' : ` ${advice}`}`;
  return { line: from.line, endLine: from.endLine, severity: 'info', message };
}
