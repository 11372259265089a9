/**
 * The accessible name of a folder or file row under a step of the Image Layers view. Without one,
 * VS Code (1.100) reads a row's string tooltip, which is a bare path for a folder and several
 * lines for a file. No `vscode` import, so it runs under plain mocha.
 */
import type { ChangeKind, WriteEntry } from '../../core/model/layer';
import type { ClassifiedEntry, LayerStack } from '../../core/model/stack';
import { plural } from '../../core/report/format';
import { shadowedEntry, typeWords } from '../../core/report/typeChange';
import { formatMode, formatOwner } from '../attributeText';
import { describeChangeParts, isFolder, type ChangeNode } from './changeTree';

/**
 * Returns the version of a path that a deletion removes, when the stack lists it, so that the
 * name can tell a deleted file from a deleted folder.
 */
function removedVersion(stack: LayerStack, classified: ClassifiedEntry): WriteEntry | undefined {
  if (classified.change !== 'deleted' || classified.lowerLayer === undefined) return undefined;
  return stack.tree.versionsOfPath(classified.entry.path).find((version) => version.layer === classified.lowerLayer)?.entry;
}

/**
 * Names the kind of path a row is. A deletion records no type, but one that hides more than
 * itself deleted a folder, as the row's icon shows, and otherwise the removed version has the type.
 */
function kindOf(node: ChangeNode, removed: WriteEntry | undefined): string {
  const entry = node.change?.entry;
  if (isFolder(node) || !entry) return 'folder';
  if (entry.op === 'write') return typeWords[entry.type];
  if ((node.change?.hiddenCount ?? 0) > 1) return 'folder';
  return removed ? typeWords[removed.type] : 'path';
}

/** Counts the changed paths below a folder row by kind: `3 changed paths: 2 added, 1 modified`, or `2 added paths`. */
function describeContents(node: ChangeNode): string | undefined {
  const counts: Record<ChangeKind, number> = { added: 0, modified: 0, deleted: 0 };
  const pending = [...node.children];
  for (let child = pending.pop(); child; child = pending.pop()) {
    if (child.change) counts[child.change.change]++;
    pending.push(...child.children);
  }
  const kinds = (Object.keys(counts) as ChangeKind[]).filter((kind) => counts[kind] > 0);
  if (kinds.length === 0) return undefined;
  if (kinds.length === 1) return `contains ${plural(counts[kinds[0]], `${kinds[0]} path`)}`;
  const total = kinds.reduce((sum, kind) => sum + counts[kind], 0);
  return `contains ${plural(total, 'changed path')}: ${kinds.map((kind) => `${counts[kind].toLocaleString('en')} ${kind}`).join(', ')}`;
}

/**
 * Returns a change row's accessible name on one line: its kind and whole name, the facts of its
 * description in words, what a folder contains, and the mode and owner of
 * a write, which the tooltip gives a sighted user. `lineOfLayer` maps a layer index to its
 * instruction's line, and `stack` is the stack of the row's layer.
 * `folder srv/app, contains 2 added paths`, `file app.js, 1.2 kB, modified, shadows line 4, mode 0644, owner 0:0`.
 */
export function changeAccessibilityLabel(node: ChangeNode, lineOfLayer: (layer: number) => number | undefined, stack: LayerStack): string {
  const { change } = node;
  const words = [`${kindOf(node, change && removedVersion(stack, change))} ${node.label}`];
  if (change) words.push(...describeChangeParts(change, lineOfLayer, shadowedEntry(stack, change), 'words'));
  const contents = describeContents(node);
  if (contents) words.push(contents);
  const entry = change?.entry;
  if (entry?.op === 'write') words.push(`mode ${formatMode(entry.mode)}`, `owner ${formatOwner(entry.uid, entry.gid)}`);
  return words.join(', ');
}
