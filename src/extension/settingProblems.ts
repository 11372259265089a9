/** Reports invalid Layer Lens settings as problems of the Dockerfile they apply to. Pure, for unit tests. */
import type { Analysis, Problem } from '../core/analysis/types';

/**
 * Returns the analysis with one warning on line 1 per invalid setting, as the core reports a
 * target stage that is not found, so that the Problems panel lists them as long as they apply.
 */
export function withSettingWarnings(analysis: Analysis, warnings: readonly string[]): Analysis {
  if (warnings.length === 0) return analysis;
  const problems = warnings.map((message): Problem => ({ line: 1, endLine: 1, severity: 'warning', scope: 'build', message }));
  return { ...analysis, problems: [...problems, ...analysis.problems] };
}
