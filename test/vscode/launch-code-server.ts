/**
 * Runs the integration suite inside code-server's extension host, offline.
 *
 * Expects `node esbuild.js` and `node test/vscode/build.js` to have run (the npm script
 * `test:integration` does both). Lays out an extensions folder with Layer Lens and the
 * test-runner extension and starts code-server on 127.0.0.1. The extension host starts only when
 * a browser window connects, so Chromium opens a copy of the fixture workspace. The launcher then
 * waits for the runner's results file, prints the results and exits non-zero when a test failed.
 * code-server and Chromium are stopped on every path out of main().
 *
 * Environment: LAYER_LENS_TEST_TIMEOUT (seconds for the whole suite, default 600),
 * LAYER_LENS_TEST_GREP (run only tests whose title matches), LAYER_LENS_KEEP_TEMP=1 (keep the
 * run folder with code-server's log).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium, openWorkbench } from './browser';
import { installCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { layOutExtensions } from './extensionsDir';
import { defaultWorkspace } from './paths';
import { countOutcomes, formatResults, readResultsFile } from './results';
import { waitUntil } from './waitUntil';
import { copyFixtureWorkspace, makeRunDir } from './workspace';

const suiteTimeoutMs = Number(process.env.LAYER_LENS_TEST_TIMEOUT ?? '600') * 1000;

async function main(): Promise<number> {
  const executable = installCodeServer();
  const runDir = makeRunDir('integration');
  const extensionsDir = path.join(runDir, 'extensions');
  const resultsFile = path.join(runDir, 'results.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let failed = true;
  try {
    layOutExtensions(extensionsDir, true);
    const workspace = copyFixtureWorkspace(defaultWorkspace, runDir);
    const env: Record<string, string> = { LAYER_LENS_TEST_RESULTS: resultsFile };
    if (process.env.LAYER_LENS_TEST_GREP) env.LAYER_LENS_TEST_GREP = process.env.LAYER_LENS_TEST_GREP;
    server = await startCodeServer(executable, { runDir, extensionsDir, env });
    console.log(`code-server ${server.origin} is running the integration suite on ${workspace}`);
    browser = await launchChromium();
    const { page, outsideRequests } = await openWorkbench(browser, server.folderUrl(workspace));
    let pageError: string | null = null;
    page.once('crash', () => (pageError = 'the workbench page crashed'));
    page.once('close', () => (pageError = 'the workbench page closed'));
    const running = server;
    await waitUntil('the test runner to write its results', suiteTimeoutMs, () => {
      const ended = running.exitStatus();
      if (ended !== null) throw new Error(`code-server ${ended} before the suite finished`);
      if (pageError !== null) throw new Error(`${pageError} before the suite finished`);
      return fs.existsSync(resultsFile);
    });
    const results = readResultsFile(resultsFile);
    console.log(formatResults(results));
    failed = countOutcomes(results).failed > 0;
    for (const request of outsideRequests) console.error(`blocked a request beyond 127.0.0.1: ${request}`);
  } catch (error) {
    console.error(`integration suite could not run: ${error instanceof Error ? error.message : String(error)}`);
    // scripts/test-all.sh reads these lines, and a suite that could not run counts as one failure.
    console.log('\n  0 passing\n  1 failing');
  } finally {
    await browser?.close();
    await server?.stop();
    finishRunDir(runDir, failed, server?.logFile);
  }
  return failed ? 1 : 0;
}

function finishRunDir(runDir: string, failed: boolean, logFile: string | undefined): void {
  if (failed || process.env.LAYER_LENS_KEEP_TEMP === '1') {
    console.error(`kept the run folder ${runDir}${logFile ? ` (code-server log: ${logFile})` : ''}`);
    return;
  }
  fs.rmSync(runDir, { recursive: true, force: true });
}

main().then((status) => process.exit(status));
