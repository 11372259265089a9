/**
 * Runs the integration suite inside code-server's extension host, offline.
 *
 * Expects `node esbuild.js` and `node test/vscode/build.js` to have run (the npm script
 * `test:integration` does both). Lays out an extensions folder with Layer Lens and the
 * test-runner extension and starts code-server on 127.0.0.1. The extension host starts only when
 * a browser window connects, so Chromium opens a copy of the fixture workspace. The launcher then
 * waits for the runner's results file. It does this twice: for test/integration in the shop
 * fixture opened as a folder, then for test/integration/multiRoot in a multi-root workspace. It
 * prints the results of both and exits non-zero when a test failed. code-server and Chromium are
 * stopped on every path out of each run.
 *
 * Environment: LAYER_LENS_TEST_TIMEOUT (seconds for each of the two runs, default 600),
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
import { countOutcomes, formatResults, readResultsFile, type SuiteResults } from './results';
import { waitUntil } from './waitUntil';
import { copyFixtureWorkspace, makeRunDir } from './workspace';

const suiteTimeoutMs = Number(process.env.LAYER_LENS_TEST_TIMEOUT ?? '600') * 1000;

/** One run of code-server and Chromium: a bundled suite folder under out/test and the workspace it opens. */
interface SuiteRun {
  /** Folder of out/test with the suite's bundled test files. */
  suite: string;
  /** Fixture workspace under test/fixtures/workspaces. */
  fixture: string;
  /** The `.code-workspace` file of the fixture to open, or undefined to open the fixture as one folder. */
  workspaceFile?: string;
}

const suiteRuns: SuiteRun[] = [
  { suite: 'integration', fixture: defaultWorkspace },
  // Apart, because only a multi-root workspace has folder settings apart from the workspace's.
  { suite: 'integration-multi-root', fixture: 'multi-root', workspaceFile: 'team.code-workspace' },
];

async function main(): Promise<number> {
  const executable = installCodeServer();
  const runDir = makeRunDir('integration');
  const extensionsDir = path.join(runDir, 'extensions');
  const logFiles: string[] = [];
  let failed = true;
  try {
    layOutExtensions(extensionsDir, true);
    const results: SuiteResults = { outcomes: [] };
    for (const run of suiteRuns) {
      const runResults = await runSuite(executable, run, path.join(runDir, run.suite), extensionsDir, logFiles);
      results.outcomes.push(...runResults.outcomes);
      if (runResults.abortError !== undefined) results.abortError = [results.abortError, runResults.abortError].filter(Boolean).join('\n');
    }
    console.log(formatResults(results));
    failed = countOutcomes(results).failed > 0;
  } catch (error) {
    console.error(`integration suite could not run: ${error instanceof Error ? error.message : String(error)}`);
    // scripts/test-all.sh reads these lines, and a suite that could not run counts as one failure.
    console.log('\n  0 passing\n  1 failing');
  } finally {
    finishRunDir(runDir, failed, logFiles);
  }
  return failed ? 1 : 0;
}

/** Runs one suite in its own code-server and Chromium, and stops both on every path out. */
async function runSuite(executable: string, run: SuiteRun, suiteDir: string, extensionsDir: string, logFiles: string[]): Promise<SuiteResults> {
  fs.mkdirSync(suiteDir, { recursive: true });
  const resultsFile = path.join(suiteDir, 'results.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const workspace = copyFixtureWorkspace(run.fixture, suiteDir);
    const env: Record<string, string> = { LAYER_LENS_TEST_RESULTS: resultsFile, LAYER_LENS_TEST_SUITE: run.suite };
    if (process.env.LAYER_LENS_TEST_GREP) env.LAYER_LENS_TEST_GREP = process.env.LAYER_LENS_TEST_GREP;
    server = await startCodeServer(executable, { runDir: suiteDir, extensionsDir, env });
    logFiles.push(server.logFile);
    const url = run.workspaceFile === undefined ? server.folderUrl(workspace) : server.workspaceUrl(path.join(workspace, run.workspaceFile));
    console.log(`code-server ${server.origin} is running the ${run.suite} suite on ${workspace}`);
    browser = await launchChromium();
    const { page, outsideRequests } = await openWorkbench(browser, url);
    let pageError: string | null = null;
    page.once('crash', () => (pageError = 'the workbench page crashed'));
    page.once('close', () => (pageError = 'the workbench page closed'));
    const running = server;
    await waitUntil(`the test runner to write the results of ${run.suite}`, suiteTimeoutMs, () => {
      const ended = running.exitStatus();
      if (ended !== null) throw new Error(`code-server ${ended} before the suite finished`);
      if (pageError !== null) throw new Error(`${pageError} before the suite finished`);
      return fs.existsSync(resultsFile);
    });
    for (const request of outsideRequests) console.error(`blocked a request beyond 127.0.0.1: ${request}`);
    return readResultsFile(resultsFile);
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

function finishRunDir(runDir: string, failed: boolean, logFiles: string[]): void {
  if (failed || process.env.LAYER_LENS_KEEP_TEMP === '1') {
    console.error(`kept the run folder ${runDir}${logFiles.length > 0 ? ` (code-server logs: ${logFiles.join(', ')})` : ''}`);
    return;
  }
  fs.rmSync(runDir, { recursive: true, force: true });
}

main().then((status) => process.exit(status));
