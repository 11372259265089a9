/**
 * The `extensionTestsPath` module for `@vscode/test-electron`: VS Code calls `run()` inside the
 * extension host and reports a failure when it rejects.
 */
import * as path from 'path';
import { countOutcomes, formatResults } from './results';
import { runMochaSuite } from './runner-extension/suite';

export async function run(): Promise<void> {
  const results = await runMochaSuite(path.join(__dirname, 'integration'), process.env.LAYER_LENS_TEST_GREP);
  // The extension host forwards its console to the terminal that started VS Code.
  console.log(formatResults(results));
  const counts = countOutcomes(results);
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}
