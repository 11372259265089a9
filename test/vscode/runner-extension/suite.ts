/**
 * Runs the compiled integration suite with mocha's programmatic API inside the extension host
 * and collects one outcome per test (and per failed hook).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import type { SuiteResults, TestOutcome } from '../results';

/** Per-test limit; the extension analyses small fixture projects, so seconds are plenty. */
const TEST_TIMEOUT_MS = 30_000;

/** Runs every `*.test.js` file in `testsDir` and resolves with the outcomes, never rejects. */
export async function runMochaSuite(testsDir: string, grep?: string): Promise<SuiteResults> {
  const outcomes: TestOutcome[] = [];
  try {
    const mocha = new Mocha({ ui: 'bdd', timeout: TEST_TIMEOUT_MS, color: false, reporter: SilentReporter });
    if (grep !== undefined && grep !== '') mocha.grep(grep);
    for (const file of listTestFiles(testsDir)) mocha.addFile(file);
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
        outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? null });
      });
      runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
        outcomes.push({ title: test.fullTitle(), state: 'pending', durationMs: null });
      });
      runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, error: unknown) => {
        outcomes.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? null, error: describeError(error) });
      });
    });
    return { outcomes };
  } catch (error) {
    return { outcomes, abortError: describeError(error) };
  }
}

function listTestFiles(testsDir: string): string[] {
  const files = fs
    .readdirSync(testsDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(testsDir, name));
  if (files.length === 0) {
    throw new Error(`no *.test.js files in ${testsDir}; run "node test/vscode/build.js" first`);
  }
  return files;
}

/**
 * A reporter that prints nothing: the extension host's console is not where anyone reads, so
 * the outcomes go to the results file instead.
 */
class SilentReporter extends Mocha.reporters.Base {}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
