/**
 * The results file that the test-runner extension writes inside the extension host and the
 * launchers read, plus the text both print. Nothing here imports `vscode`.
 */
import * as fs from 'fs';

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestOutcome {
  /** Suite titles and the test title, joined by spaces (mocha's `fullTitle()`). */
  title: string;
  state: TestState;
  durationMs: number | null;
  /** The failure's message and stack, for failed tests and hooks. */
  error?: string;
}

export interface SuiteResults {
  outcomes: TestOutcome[];
  /** An error that stopped the suite before or between tests (a file that failed to load). */
  abortError?: string;
}

export interface SuiteCounts {
  passed: number;
  failed: number;
  pending: number;
}

export function countOutcomes(results: SuiteResults): SuiteCounts {
  const counts: SuiteCounts = { passed: 0, failed: 0, pending: 0 };
  for (const outcome of results.outcomes) counts[outcome.state]++;
  // A suite that stopped early, or never got to a test, must not read as a clean run.
  if (results.abortError !== undefined || results.outcomes.length === 0) counts.failed++;
  return counts;
}

/** Writes the file in one rename, so a reader that polls for it never reads half of it. */
export function writeResultsFile(file: string, results: SuiteResults): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, file);
}

export function readResultsFile(file: string): SuiteResults {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
  if (!Array.isArray(parsed.outcomes)) {
    throw new Error(`${file} is not a test results file: it has no "outcomes" list`);
  }
  return parsed;
}

/**
 * Formats the results as mocha's spec reporter ends its run (`N passing`, `N failing`,
 * `N pending`), because scripts/test-all.sh reads those lines from every suite.
 */
export function formatResults(results: SuiteResults): string {
  const lines: string[] = [];
  for (const outcome of results.outcomes) {
    const mark = outcome.state === 'passed' ? '✔' : outcome.state === 'failed' ? '✘' : '-';
    const duration = outcome.durationMs === null ? '' : ` (${outcome.durationMs} ms)`;
    lines.push(`  ${mark} ${outcome.title}${outcome.state === 'passed' ? duration : ''}`);
  }
  const failures = results.outcomes.filter((outcome) => outcome.state === 'failed');
  failures.forEach((failure, index) => {
    lines.push('', `  ${index + 1}) ${failure.title}:`, indent(failure.error ?? 'no error recorded'));
  });
  if (results.abortError !== undefined) {
    lines.push('', '  The suite stopped early:', indent(results.abortError));
  }
  if (results.outcomes.length === 0) lines.push('', '  The suite ran no tests.');
  const counts = countOutcomes(results);
  lines.push('', `  ${counts.passed} passing`, `  ${counts.failed} failing`);
  if (counts.pending > 0) lines.push(`  ${counts.pending} pending`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `     ${line}`)
    .join('\n');
}
