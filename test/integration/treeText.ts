/** Reads a tree data provider as a user reads the view: labels and descriptions, as text. */
import * as assert from 'assert';
import * as vscode from 'vscode';

export interface Row {
  element: unknown;
  /** `label — description`, or the label alone. */
  text: string;
  item: vscode.TreeItem;
}

export function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  if (label === undefined) return '';
  return typeof label === 'string' ? label : label.label;
}

export async function rowsOf(provider: vscode.TreeDataProvider<unknown>, parent: unknown): Promise<Row[]> {
  const children = (await provider.getChildren(parent)) ?? [];
  const rows: Row[] = [];
  for (const element of children) {
    const item = await provider.getTreeItem(element);
    const description = typeof item.description === 'string' && item.description !== '' ? ` — ${item.description}` : '';
    rows.push({ element, item, text: `${labelOf(item)}${description}` });
  }
  return rows;
}

/**
 * Returns the whole instruction of a step row, followed by its lines and description, as a screen
 * reader announces it. The label may cut the instruction short.
 */
export function spokenOf(item: vscode.TreeItem): string {
  return item.accessibilityInformation?.label ?? labelOf(item);
}

/** Finds the step row, under any stage, whose whole instruction starts with `prefix`. */
export async function stepRow(provider: vscode.TreeDataProvider<unknown>, prefix: string): Promise<unknown> {
  for (const stage of await rowsOf(provider, undefined)) {
    const step = (await rowsOf(provider, stage.element)).find((row) => spokenOf(row.item).startsWith(prefix));
    if (step) return step.element;
  }
  assert.fail(`no step row starts with "${prefix}"`);
}

/** Renders the subtree below `parent`, one row a line, indented two spaces a level. */
export async function renderTree(provider: vscode.TreeDataProvider<unknown>, parent: unknown, depth = 0): Promise<string> {
  const lines: string[] = [];
  for (const row of await rowsOf(provider, parent)) {
    lines.push(`${'  '.repeat(depth)}${row.text}`);
    if (row.item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
      lines.push(await renderTree(provider, row.element, depth + 1));
    }
  }
  return lines.join('\n');
}
