/**
 * Runs the integration suite in a VS Code desktop build through `@vscode/test-electron`.
 *
 * `runTests` downloads VS Code from update.code.visualstudio.com into `.vscode-test/`, so this
 * launcher only works on a machine that can reach that host; offline, use
 * launch-code-server.ts. Expects the same builds as that launcher (`npm run
 * test:integration:electron` does them). On Linux without a display, run it under `xvfb-run`.
 *
 * Environment:
 * - LAYER_LENS_VSCODE_VERSION: the release to download. The default, 1.100.3, is the VS Code
 *   inside code-server 4.100.3.
 * - LAYER_LENS_VSCODE_EXECUTABLE: an installed VS Code to run instead of downloading one.
 * - LAYER_LENS_TEST_GREP: run only tests whose title matches.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { builtTestsDir, defaultWorkspace, repoRoot } from './paths';
import { copyFixtureWorkspace, makeRunDir } from './workspace';

async function main(): Promise<number> {
  const entry = path.join(builtTestsDir, 'electron-entry.js');
  if (!fs.existsSync(entry)) {
    console.error(`${entry} is missing: run "node test/vscode/build.js" first`);
    return 1;
  }
  const runDir = makeRunDir('electron');
  try {
    const workspace = copyFixtureWorkspace(defaultWorkspace, runDir);
    const extensionTestsEnv: Record<string, string> = {};
    if (process.env.LAYER_LENS_TEST_GREP) extensionTestsEnv.LAYER_LENS_TEST_GREP = process.env.LAYER_LENS_TEST_GREP;
    return await runTests({
      version: process.env.LAYER_LENS_VSCODE_VERSION ?? '1.100.3',
      vscodeExecutablePath: process.env.LAYER_LENS_VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: entry,
      extensionTestsEnv,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--user-data-dir', path.join(runDir, 'user-data'),
        '--extensions-dir', path.join(runDir, 'extensions'),
      ],
    });
  } catch (error) {
    console.error(`integration suite failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then((status) => process.exit(status));
