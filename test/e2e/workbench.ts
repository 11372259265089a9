/**
 * One code-server with Layer Lens, opened in Chromium on a copy of the fixture workspace, for
 * the end-to-end suite. Unlike the integration launcher it installs no test-runner extension:
 * the suite acts only through the page, as a user does.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWorkbench } from '../vscode/browser';
import { installCodeServer, startCodeServer, type CodeServer } from '../vscode/codeServer';
import { layOutExtensions } from '../vscode/extensionsDir';
import { defaultWorkspace, repoRoot } from '../vscode/paths';
import { copyFixtureWorkspace, makeRunDir } from '../vscode/workspace';

export const screenshotsDir = path.join(repoRoot, 'test-results', 'e2e');


export interface Workbench {
  page: Page;
  /** Requests the page tried to send beyond 127.0.0.1; each was aborted. */
  outsideRequests: string[];
  /** Absolute path of the workspace copy that the window has open. */
  workspace: string;
  stop(): Promise<void>;
}

export async function startWorkbench(): Promise<Workbench> {
  const executable = installCodeServer();
  const runDir = makeRunDir('e2e');
  const extensionsDir = path.join(runDir, 'extensions');
  layOutExtensions(extensionsDir, false);
  const workspace = copyFixtureWorkspace(defaultWorkspace, runDir);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
    if (process.env.LAYER_LENS_KEEP_TEMP === '1') console.error(`kept the run folder ${runDir}`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer(executable, { runDir, extensionsDir });
    browser = await launchChromium();
    const { page, outsideRequests } = await openWorkbench(browser, server.folderUrl(workspace));
    return { page, outsideRequests, workspace, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Saves a screenshot of the whole window as test-results/e2e/NAME.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  // 'disabled' ends CSS animations first, so a hover that is still fading in shows fully.
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), animations: 'disabled' });
}

/**
 * Starts code-server before the tests of the enclosing `describe` block, saves a screenshot of
 * each failed step (what the user would have seen instead), and stops it afterwards. Returns the
 * running workbench.
 */
export function useWorkbench(): () => Workbench {
  let workbench: Workbench | undefined;

  before(async function () {
    this.timeout(180_000);
    workbench = await startWorkbench();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) await saveScreenshot(workbench.page, `failed-${test.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.stop();
  });

  return () => {
    if (!workbench) throw new Error('code-server did not start; see the error of the "before all" hook.');
    return workbench;
  };
}
