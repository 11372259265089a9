/**
 * The hover's sentence on the files of a step that later steps of its chain shadow or delete,
 * whose bytes the image stores but never shows.
 */
import type { Analysis } from '../../core/analysis/types';
import { hiddenWritesOf, type HiddenWrites } from '../../core/report/hiddenWrites';
import type { StackedLayer } from '../../core/model/stack';
import { formatBytes, joinWords } from '../format';

/**
 * Describes which later lines shadow or delete files that `layer` writes, how many of its `files`
 * and how many bytes (`Line 31 shadows its file (80 B), so these bytes are wasted.`), or returns
 * `undefined` when no later step hides any. Files count when their size is known and above 0,
 * as the waste counts them, so a folder or an empty file is neither hidden nor among its files
 * (`LayerOutline.files` counts them so). Where the layer writes files that do not count, the
 * sentence names the kind of files it counts, because the hover lists the others too.
 */
export function describeWastedWrites(analysis: Analysis, layer: StackedLayer, files: number, shipped = true): string | undefined {
  // The provider keeps each rendered hover (`RenderedHovers`), so a layer is summed once per analysis.
  const hidden = hiddenWritesOf(analysis.stack, layer.index);
  const hiders = hidden && describeHiders(analysis, hidden);
  if (!hidden || !hiders) return undefined;
  // The waste hints word a stage outside the target's chain the same way: its bytes matter only
  // to an image of that stage.
  const wasted = shipped ? 'so these bytes are wasted' : "so these bytes are wasted in this stage's image, which the target's image does not include";
  const share = describeShare(hidden.files, Math.max(files, hidden.files), countedKind(layer));
  return `${hiders} ${share} (${formatBytes(hidden.bytes)}), ${wasted}.`;
}

/**
 * Returns the words around `file` that name the files the sentence counts: none where it counts
 * every file, `non-empty` where the layer also writes empty files, and `of known size` where it
 * also writes files of unknown size.
 */
function countedKind(layer: StackedLayer): { before: string; after: string } {
  let empty = false;
  let unknown = false;
  for (const { entry } of layer.entries) {
    if (entry.op !== 'write' || entry.type !== 'file') continue;
    if (entry.size === 0) empty = true;
    if (entry.size === null) unknown = true;
  }
  return { before: empty ? 'non-empty ' : '', after: unknown ? ' of known size' : '' };
}

/** Names the lines that hid a layer's files and how (`Line 31 shadows`, `Lines 3 and 4 shadow or delete`). */
function describeHiders(analysis: Analysis, hidden: HiddenWrites): string | undefined {
  const lines = new Set<number>();
  const kinds = new Set<string>();
  for (const [hider, hiderKinds] of hidden.hiders) {
    const step = analysis.steps[hider];
    if (step) lines.add(step.line);
    for (const kind of hiderKinds) kinds.add(kind);
  }
  if (lines.size === 0) return undefined;
  const sorted = [...lines].sort((a, b) => a - b);
  const singular = sorted.length === 1;
  const verbs: string[] = [];
  if (kinds.has('shadowed')) verbs.push(singular ? 'shadows' : 'shadow');
  if (kinds.has('deleted')) verbs.push(singular ? 'deletes' : 'delete');
  const subject = singular ? `Line ${sorted[0]}` : `Lines ${joinWords(sorted.map(String))}`;
  return `${subject} ${verbs.join(' or ')}`;
}

/**
 * Words `hidden` of a layer's `files` counted files: `its file`, `both of its files`, `3 of its 5
 * files`, with the words of `kind` around `file` (`its only non-empty file`).
 */
function describeShare(hidden: number, files: number, kind: { before: string; after: string }): string {
  const noun = (count: number) => `${kind.before}${count === 1 ? 'file' : 'files'}${kind.after}`;
  if (hidden < files) return `${hidden.toLocaleString('en')} of its ${files.toLocaleString('en')} ${noun(files)}`;
  if (files === 1) return kind.before === '' && kind.after === '' ? 'its file' : `its only ${noun(1)}`;
  if (files === 2) return `both of its ${noun(2)}`;
  return `all ${files.toLocaleString('en')} of its ${noun(files)}`;
}
