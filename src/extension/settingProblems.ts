/** Reports invalid Layer Lens settings as problems of the Dockerfile they apply to. Pure, for unit tests. */
import type { Analysis, Problem, Severity } from '../core/analysis/types';

/**
 * Returns the analysis with one warning on line 1 per invalid setting, as the core reports a
 * target stage that is not found, so that the Problems panel lists them as long as they apply.
 */
export function withSettingWarnings(analysis: Analysis, warnings: readonly string[]): Analysis {
  if (warnings.length === 0) return analysis;
  return { ...analysis, problems: [...settingWarningProblems(warnings), ...analysis.problems] };
}

/** Turns the warnings about settings into whole-build problems on line 1. */
export function settingWarningProblems(warnings: readonly string[]): Problem[] {
  return warnings.map((message): Problem => ({ line: 1, endLine: 1, severity: 'warning', scope: 'build', message }));
}

/** A notification of one settings problem. */
export interface SettingNotice {
  severity: Severity;
  text: string;
}

/** A setting's name as messages write it, such as `layerLens.buildContexts["Dockerfile"]`. */
const settingNamePattern = /\blayerLens\.[A-Za-z]/;

/**
 * Returns one notification per distinct problem about a Layer Lens setting among `problems`. Such
 * a problem applies to the whole build and its message names a `layerLens.` setting. The extension
 * finds some (an invalid value, an unused build argument) and the core others (a target that names
 * no stage, a context folder that cannot be read). Each notification starts with "Layer Lens: ",
 * because a notification, unlike a problem, does not show which extension sent it.
 */
export function settingNotices(problems: readonly Problem[]): SettingNotice[] {
  const notices = new Map<string, SettingNotice>();
  for (const problem of problems) {
    if (problem.scope !== 'build' || !settingNamePattern.test(problem.message)) continue;
    const text = settingNoticeText(problem.message);
    // A problem on several FROM lines gives one notification.
    if (!notices.has(text)) notices.set(text, { severity: problem.severity, text });
  }
  return [...notices.values()];
}

/** Words the notification of a settings problem, so that every caller words it alike. */
export function settingNoticeText(message: string): string {
  return `Layer Lens: ${message}`;
}
