/**
 * Reading and using the Merged Filesystem webview: its tree rows (`.row` with `.label`, `.badge`,
 * and the `.layer`, `.line` and `.size` cells), as media/panel/tree.js draws them.
 */
import type { FrameLocator, Locator } from 'playwright-core';
import { wholeText } from './ui';

/** Returns the visible row whose name is `name` (folders end with `/`). */
export function panelRow(panel: FrameLocator, name: string): Locator {
  return panel.locator('.viewport .row:visible', { has: panel.locator('.label', { hasText: wholeText(name) }) }).first();
}

/** Expands the folder row `name` by its twisty and waits for the child row `childName`. */
export async function expandPanelFolder(panel: FrameLocator, name: string, childName: string): Promise<void> {
  await panelRow(panel, name).locator('.twisty').click();
  await panelRow(panel, childName).waitFor();
}

export interface RowCells {
  badge: string;
  layer: string;
  line: string;
  size: string;
}

export async function cellTexts(row: Locator): Promise<RowCells> {
  const text = async (selector: string) => (await row.locator(selector).innerText()).trim();
  return { badge: await text('.badge'), layer: await text('.cell.layer'), line: await text('.cell.line'), size: await text('.cell.size') };
}
