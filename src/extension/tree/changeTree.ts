/**
 * The folder tree of one layer's changes, as the Image Layers view shows it. Pure data, so the
 * grouping and the collapsing of single-child folders are tested without VS Code.
 */
import type { WriteEntry } from '../../core/model/layer';
import type { ClassifiedEntry } from '../../core/model/stack';
import { pathSegments } from '../../core/model/paths';
import { describeAttributeDifference } from '../attributeText';
import { compareNamesNaturally } from '../../core/report/format';
import { describeHidden } from '../../core/report/hiddenText';
import { formatSize } from '../format';

export interface ChangeNode {
  /** One path segment, or several joined by `/` where a chain of single-child folders collapsed. */
  label: string;
  /** Absolute image path of the deepest folder or file the node stands for. */
  path: string;
  /** The layer's own change to this path; absent for folders that only hold changed paths. */
  change?: ClassifiedEntry;
  children: ChangeNode[];
  parent?: ChangeNode;
}

/** Builds the folder tree of a layer's entries: folders first, then names in natural order (`f2` before `f10`). */
export function buildChangeTree(entries: readonly ClassifiedEntry[]): ChangeNode[] {
  const root: ChangeNode = { label: '', path: '/', children: [] };
  const byPath = new Map<string, ChangeNode>([['/', root]]);
  for (const classified of entries) {
    const node = ensureNode(byPath, classified.entry.path);
    node.change = classified;
  }
  const top = root.children.map(collapseChain);
  sortAndLink(top, undefined);
  return top;
}

function ensureNode(byPath: Map<string, ChangeNode>, path: string): ChangeNode {
  let parent = byPath.get('/') as ChangeNode;
  let current = '';
  for (const segment of pathSegments(path)) {
    current += '/' + segment;
    let node = byPath.get(current);
    if (!node) {
      node = { label: segment, path: current, children: [] };
      byPath.set(current, node);
      parent.children.push(node);
    }
    parent = node;
  }
  return parent;
}

/** Returns whether a node is shown as a folder: it contains changed paths or is a directory entry. */
export function isFolder(node: ChangeNode): boolean {
  if (node.children.length > 0) return true;
  const entry = node.change?.entry;
  return entry?.op === 'write' && entry.type === 'directory';
}

/**
 * Merges a folder with its only child folder (`app` + `src` -> `app/src`) while both carry the
 * same change, so the merged label stays true for each of them.
 */
function collapseChain(node: ChangeNode): ChangeNode {
  let current = node;
  while (current.children.length === 1 && isFolder(current.children[0]) && sameFolderChange(current, current.children[0])) {
    const child = current.children[0];
    current = { label: `${current.label}/${child.label}`, path: child.path, change: child.change, children: child.children };
  }
  current.children = current.children.map(collapseChain);
  return current;
}

function sameFolderChange(parent: ChangeNode, child: ChangeNode): boolean {
  const a = parent.change;
  const b = child.change;
  if (!a || !b) return !a && !b;
  const plainDirectory = (classified: ClassifiedEntry) =>
    classified.entry.op === 'write' && classified.entry.type === 'directory' && !classified.entry.opaque;
  return a.change === b.change && plainDirectory(a) && plainDirectory(b);
}

function sortAndLink(nodes: ChangeNode[], parent: ChangeNode | undefined): void {
  nodes.sort((a, b) => Number(isFolder(b)) - Number(isFolder(a)) || compareNamesNaturally(a.label, b.label));
  for (const node of nodes) {
    node.parent = parent;
    sortAndLink(node.children, node);
  }
}

/** Formats the size of a changed file, or of another write that records one; `undefined` for a deletion. */
export function changeSize(classified: ClassifiedEntry): string | undefined {
  const entry = classified.entry;
  return entry.op === 'write' && (entry.type === 'file' || entry.size !== 0) ? formatSize(entry.size) : undefined;
}

/** States a change's size, when it has one, then its kind, named in words so that it never rests on the icon's colour alone. */
function changeFacts(classified: ClassifiedEntry): string[] {
  const size = changeSize(classified);
  return size === undefined ? [classified.change] : [size, classified.change];
}

/**
 * Describes a change in words for the tree: `changeFacts`, then a link target, a change of mode
 * or owner, the shadowed layer's line and what a deletion hides. `lineOfLayer` maps a layer index
 * to its instruction's 1-based line, and `lower` is the version a modification shadows (see
 * `shadowedEntry`).
 */
export function describeChange(classified: ClassifiedEntry, lineOfLayer: (layer: number) => number | undefined, lower?: WriteEntry): string {
  return describeChangeParts(classified, lineOfLayer, lower, 'row').join(' · ');
}

/**
 * Lists the parts of `describeChange`. The `words` style is for a screen reader. There a link
 * target follows the word `target`, as in the Merged Filesystem panel's details, in place of an
 * arrow. A certainty follows the word `certainty`, because a lone `unknown` names nothing.
 */
export function describeChangeParts(classified: ClassifiedEntry, lineOfLayer: (layer: number) => number | undefined, lower: WriteEntry | undefined, style: 'row' | 'words'): string[] {
  const parts = changeFacts(classified);
  const entry = classified.entry;
  if (entry.op === 'write') {
    if (entry.type === 'symlink' || entry.type === 'hardlink') parts.push(`${style === 'row' ? '→' : 'target'} ${entry.linkTarget ?? '?'}`);
    if (entry.opaque) parts.push('opaque');
    const attributeChange = describeAttributeDifference(classified, lower);
    if (attributeChange) parts.push(attributeChange);
  }
  const lowerLine = classified.lowerLayer === undefined ? undefined : lineOfLayer(classified.lowerLayer);
  if (classified.change === 'modified' && lowerLine !== undefined) parts.push(`shadows line ${lowerLine}`);
  const hidden = describeHidden(classified, lowerLine);
  if (hidden) parts.push(hidden);
  if (entry.certainty !== 'exact') parts.push(style === 'row' ? entry.certainty : `certainty ${entry.certainty}`);
  return parts;
}

/** Returns a node's level in the view: 2 for a top folder or file below a step, one more per folder above it. */
export function changeDepth(node: ChangeNode): number {
  let depth = 2;
  for (let parent = node.parent; parent; parent = parent.parent) depth++;
  return depth;
}

/** Renders the tree as indented text, one node a line, for tests and logs. */
export function renderChangeTree(nodes: readonly ChangeNode[], depth = 0): string {
  const lines: string[] = [];
  for (const node of nodes) {
    const suffix = isFolder(node) ? '/' : '';
    const change = node.change ? ` (${node.change.change})` : '';
    lines.push(`${'  '.repeat(depth)}${node.label}${suffix}${change}`);
    if (node.children.length > 0) lines.push(renderChangeTree(node.children, depth + 1));
  }
  return lines.join('\n');
}
