/**
 * The test-runner extension for code-server. code-server rejects `--extensionTestsPath`, so
 * this extension sits in the extensions folder beside Layer Lens, starts the integration suite
 * once the workbench has started, and writes the results where the launcher waits for them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeResultsFile } from '../results';
import { describeError, runMochaSuite } from './suite';

/** Set by the launcher; without it (a person opening this code-server) the runner stays idle. */
const RESULTS_VARIABLE = 'LAYER_LENS_TEST_RESULTS';

export function activate(): void {
  const resultsFile = process.env[RESULTS_VARIABLE];
  // A reloaded window starts a new extension host; the suite has already run in the first one.
  if (resultsFile === undefined || resultsFile === '' || fs.existsSync(resultsFile)) return;
  // The launcher names the bundled suite folder to run, because each needs its own workspace.
  const testsDir = path.join(__dirname, '..', process.env.LAYER_LENS_TEST_SUITE || 'integration');
  runMochaSuite(testsDir, process.env.LAYER_LENS_TEST_GREP)
    .then((results) => writeResultsFile(resultsFile, results))
    .catch((error: unknown) => writeResultsFile(resultsFile, { outcomes: [], abortError: describeError(error) }));
}

export function deactivate(): void {}
