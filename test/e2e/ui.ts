/**
 * Steps a user takes in the VS Code workbench, written against the DOM of VS Code 1.100
 * (code-server 4.100.3). Each waits for a visible state, never for a fixed time.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Opens a workspace file by name with Quick Open (Ctrl+P) and waits for its editor. */
export async function openWithQuickOpen(page: Page, fileName: string, firstLineText: string): Promise<Locator> {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: firstLineText }).waitFor();
  return editor;
}

/**
 * Hovers the first word of the editor line that contains `lineText` and returns the text of
 * the hover widget once it contains `expected`.
 */
export async function hoverLine(page: Page, editor: Locator, lineText: string, expected: string): Promise<string> {
  const line = editor.locator('.view-line', { hasText: lineText }).first();
  const hover = page.locator('.monaco-hover', { hasText: expected }).first();
  // A hover keeps the text it opened with, so one shown before an analysis ended (a linked
  // image read on a loaded machine) never gets the expected text: hover again until it does.
  const deadline = Date.now() + HOVER_DEADLINE_MS;
  for (;;) {
    // Moving away first closes a hover left open by an earlier step or attempt.
    await page.mouse.move(0, 0);
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden' });
    await line.locator('span > span').first().hover();
    const left = deadline - Date.now();
    try {
      await hover.waitFor({ timeout: Math.max(1, Math.min(HOVER_ATTEMPT_MS, left)) });
      return await hover.innerText();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
}

/** How long one hover may take to show the expected text, and all attempts together. */
const HOVER_ATTEMPT_MS = 5_000;
const HOVER_DEADLINE_MS = 45_000;

/** Runs a command by its title from the Command Palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Clicks the activity bar entry whose label starts with `label` and returns the view pane. */
export async function openViewContainer(page: Page, label: string, viewTitle: string): Promise<Locator> {
  await page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).click();
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: viewTitle }) });
  await pane.waitFor();
  return pane;
}

/** Returns each row of a tree view as `label — description` (or the label alone), in order. */
export async function rowTexts(pane: Locator): Promise<string[]> {
  const rows = await pane.locator('.monaco-list-row').all();
  const texts: string[] = [];
  for (const row of rows) {
    const label = await row.locator('.label-name').innerText();
    const description = row.locator('.label-description');
    const suffix = (await description.count()) > 0 ? (await description.innerText()).trim() : '';
    texts.push(suffix === '' ? label.trim() : `${label.trim()} — ${suffix}`);
  }
  return texts;
}

/** Matches an element whose whole text is `text`, where `hasText: text` would match any part. */
export function wholeText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/**
 * Expands the first tree row labelled `label` with its twistie (a click on the label would run
 * the row's command instead) and waits for a child row labelled `childLabel`.
 */
export async function expandTreeRow(pane: Locator, label: string, childLabel: string): Promise<void> {
  const page = pane.page();
  const row = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: wholeText(label) }) }).first();
  await row.locator('.monaco-tl-twistie').click();
  await pane.locator('.monaco-list-row .label-name', { hasText: wholeText(childLabel) }).first().waitFor();
}

/**
 * Returns the document inside the open webview panel, two nested iframes deep. It assumes one
 * webview is open, because the outer frames carry no name that distinguishes panels.
 */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
