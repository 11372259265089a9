/**
 * The merged filesystem of `layer-lens explain`'s text: a tree of the Dockerfile's own paths, and
 * the paths later steps delete. A big image is cut to `LISTED_PATHS` paths, shallowest first, so
 * that the tree stays readable in a terminal. `--json` lists every path in `merged` and `deleted`.
 */
import type { Analysis } from '../core/analysis/types';
import type { LayerEntry } from '../core/model/layer';
import { deletedPaths, mergedPaths, type MergedPath } from '../core/model/merged';
import { ancestorPaths } from '../core/model/paths';
import { formatBytes, plural } from '../core/report/format';
import { sortPathsAsPanel } from '../core/report/treeOrder';
import { describeSize, type SizeTally } from './sizeText';
import { escapeControlCharacters } from './terminalText';

/** The maximum number of paths the merged tree lists, and of the deleted paths below it. */
export const LISTED_PATHS = 100;

/** One line of the tree: a merged path and where it sits under the paths printed above it. */
interface TreeNode {
  item: MergedPath;
  fromBase: boolean;
  /** The index of the nearest ancestor in the tree, or -1 for a path at the top. */
  parent: number;
  depth: number;
}

/** The paths and bytes below a folder whose paths are not all listed. */
interface Subtree extends SizeTally {
  count: number;
  unlisted: number;
}

/** Renders the merged tree with its heading, then the deleted paths. */
export function renderMerged(analysis: Analysis): string[] {
  const merged = mergedPaths(analysis.stack);
  // The layers of FROM steps hold the base image's paths: assumed folders, or a read image's files.
  const baseLayers = new Set(analysis.steps.filter((step) => step.instruction === 'FROM').map((step) => step.index));
  // A base folder that a later step changes (chmod, chown) or lists is visible from that step's
  // layer, so it counts as that step's path here, as it does in the JSON's `merged`.
  const fromBase = (item: MergedPath) => baseLayers.has(item.layer);
  const own = merged.filter((item) => !fromBase(item));
  // Base image paths are shown only as the folders that hold the Dockerfile's own paths.
  const shown = new Set(own.map((item) => item.path));
  for (const item of own) for (const ancestor of ancestorPaths(item.path)) shown.add(ancestor);
  const baseRead = merged.some((item) => baseLayers.has(item.layer) && !isAssumedBase(item));
  const unlisted = merged.filter((item) => fromBase(item) && !shown.has(item.path)).length;
  // Step 0 is the FROM at the root of the target's chain.
  const fromScratch = analysis.stages[analysis.steps[0]?.stage ?? -1]?.baseResolved.toLowerCase() === 'scratch';
  let baseWords = baseRead ? `${plural(unlisted, 'path')} of the read base image not listed` : "the base image's are not known";
  if (fromScratch) baseWords = 'the base is scratch, which is empty';
  const lines = [`Merged filesystem (${plural(own.length, 'path')} from the Dockerfile's own steps; ${baseWords}):`];
  // The Merged Filesystem panel's order, so that the two list a folder's contents alike.
  const nodes = buildTree(sortPathsAsPanel(merged.filter((item) => shown.has(item.path)), pathOf, isFolder), fromBase);
  lines.push(...renderTree(nodes));
  lines.push(...renderDeleted(analysis));
  return lines;
}

/**
 * Links each path to the nearest ancestor before it. A layer may list a folder without its
 * parents (a RUN's /root/go/bin without /root/go), so that ancestor is not always the parent
 * folder. `items` are in the panel's order, each folder before the paths below it.
 */
function buildTree(items: readonly MergedPath[], fromBase: (item: MergedPath) => boolean): TreeNode[] {
  const nodes: TreeNode[] = [];
  const open: number[] = [];
  for (const item of items) {
    while (open.length > 0 && !item.path.startsWith(nodes[open[open.length - 1]].item.path + '/')) open.pop();
    nodes.push({ item, fromBase: fromBase(item), parent: open.length > 0 ? open[open.length - 1] : -1, depth: open.length });
    open.push(nodes.length - 1);
  }
  return nodes;
}

/**
 * Renders the tree, each path named from the nearest ancestor printed above it and indented under
 * it. When the tree has more than `LISTED_PATHS` paths, the shallowest ones are listed, so the
 * top folders all show before the contents of any one of them. A listed folder whose paths are
 * not all listed gets the count of paths and bytes it contains, and a last line counts the rest.
 */
function renderTree(nodes: readonly TreeNode[]): string[] {
  const listed = chooseListed(nodes);
  const subtrees = countSubtrees(nodes, listed);
  const lines: string[] = [];
  nodes.forEach((node, index) => {
    if (!listed[index]) return;
    const parentPath = node.parent < 0 ? '' : nodes[node.parent].item.path;
    const line = renderMergedPath(node.item, node.item.path.slice(parentPath.length + 1), node.depth, node.fromBase);
    lines.push(line + describeSubtree(subtrees[index]));
  });
  const rest = nodes.length - lines.length;
  if (rest > 0) lines.push(`  … and ${plural(rest, 'more path')} (--json lists them all)`);
  return lines;
}

/**
 * Marks the paths to list: all of them up to `LISTED_PATHS`, else the shallowest ones, in tree
 * order within a depth. A path's ancestor is always shallower, so every listed path's ancestors
 * are listed too.
 */
function chooseListed(nodes: readonly TreeNode[]): boolean[] {
  if (nodes.length <= LISTED_PATHS) return nodes.map(() => true);
  const byDepth = nodes.map((_, index) => index).sort((a, b) => nodes[a].depth - nodes[b].depth || a - b);
  const listed = nodes.map(() => false);
  for (const index of byDepth.slice(0, LISTED_PATHS)) listed[index] = true;
  return listed;
}

/**
 * Counts, for each path, the paths below it, their file bytes and how many of them are not listed.
 * Every path comes after its ancestors, so one pass from the end adds each path's counts to its
 * ancestor's before that ancestor is read.
 */
function countSubtrees(nodes: readonly TreeNode[], listed: readonly boolean[]): Subtree[] {
  const subtrees = nodes.map((): Subtree => ({ count: 0, unlisted: 0, bytes: 0, unknownSizes: 0 }));
  for (let index = nodes.length - 1; index >= 0; index--) {
    const { item, parent } = nodes[index];
    if (parent < 0) continue;
    const own = subtrees[index];
    const sum = subtrees[parent];
    sum.count += own.count + 1;
    sum.unlisted += own.unlisted + (listed[index] ? 0 : 1);
    sum.bytes += own.bytes;
    sum.unknownSizes += own.unknownSizes;
    if (item.entry.type !== 'file') continue;
    if (item.entry.size === null) sum.unknownSizes++;
    else sum.bytes += item.entry.size;
  }
  return subtrees;
}

/** Describes what a listed folder contains when some of it is not listed, or returns '' when all of it is. */
function describeSubtree(subtree: Subtree): string {
  if (subtree.unlisted === 0) return '';
  const contents = `; ${plural(subtree.count, 'path')} below (${describeSize(subtree, false)})`;
  return subtree.unlisted === subtree.count ? `${contents}, not listed` : `${contents}, ${subtree.unlisted.toLocaleString('en')} not listed`;
}

/**
 * Lists the paths that whiteouts delete, up to `LISTED_PATHS`, with the step of each. They keep the
 * order of `--json`'s `deleted` (depth first, names by UTF-16 code unit), so the two lists match
 * line for line. The panel shows deleted rows inside its tree, so it has no flat list to follow.
 */
function renderDeleted(analysis: Analysis): string[] {
  const deleted = deletedPaths(analysis.stack);
  if (deleted.length === 0) return [];
  const lines = ['Deleted:'];
  for (const item of deleted.slice(0, LISTED_PATHS)) lines.push(`  ${escapeControlCharacters(item.path)}  by #${item.layer}`);
  const rest = deleted.length - LISTED_PATHS;
  if (rest > 0) lines.push(`  … and ${plural(rest, 'more deleted path')} (--json lists them all)`);
  return lines;
}

/** Renders one merged path as `relativePath`, its path below the line it is indented under. */
function renderMergedPath(item: MergedPath, relativePath: string, depth: number, fromBase: boolean): string {
  // Names come from the build context and may hold escape sequences or newlines.
  const name = escapeControlCharacters(relativePath) + (item.entry.type === 'directory' ? '/' : '');
  // `->` marks a symlink, as `ls -l` writes it. A hard link is another name of a file, so it is named in words.
  const target = item.entry.linkTarget === undefined ? '' : escapeControlCharacters(item.entry.linkTarget);
  const link = item.entry.type === 'symlink' && target !== '' ? ` -> ${target}` : '';
  if (fromBase) return `  ${'  '.repeat(depth)}${name}  (base image)`;
  let size = item.entry.type === 'file' ? `${item.entry.size === null ? 'unknown size' : formatBytes(item.entry.size)}, ` : '';
  if (item.entry.type === 'hardlink') size = `hard link to ${target || '?'}, `;
  const shadows = item.shadows.length > 0 ? `, shadows #${item.shadows.join(', #')}` : '';
  return `  ${'  '.repeat(depth)}${name}${link}  ${size}from #${item.layer}${shadows}`;
}

function pathOf(item: { path: string }): string {
  return item.path;
}

function isFolder(item: { entry: LayerEntry }): boolean {
  return item.entry.op === 'write' && item.entry.type === 'directory';
}

/** Tells whether an entry stands for the unread base image's folders, which the prediction assumes. */
export function isAssumedBase(item: { entry: LayerEntry }): boolean {
  return item.entry.origin?.kind === 'assumed-base';
}
