/**
 * The attributes in which a modifying write differs from the lower version it shadows. Overlay
 * storage copies a whole file up even when only its mode or owner changed, so a modified entry
 * may carry the same bytes as the version below it.
 */
import type { WriteEntry } from './layer';

export type Attribute = 'type' | 'mode' | 'uid' | 'gid' | 'linkTarget' | 'content';

/** Shared by every write that changes nothing but its timestamps, which most rewritten folders do. */
const NOTHING_CHANGED: readonly Attribute[] = Object.freeze([]);

/**
 * Lists the attributes in which `upper` differs from `lower`, in the order of `Attribute`.
 * Returns `undefined` when the contents cannot be compared: a file's size or digest is unknown
 * on either side (predicted entries, or a reader that did not hash the file). The list is kept
 * with the stacked entry, so it is exactly as long as its items: a list grown by `push` keeps
 * room for 17, and the bench image has 14,000 of them.
 */
export function changedAttributes(lower: WriteEntry, upper: WriteEntry): readonly Attribute[] | undefined {
  const content = contentChanged(lower, upper);
  if (content === undefined) return undefined;
  const changed: Attribute[] = [];
  if (lower.type !== upper.type) changed.push('type');
  if (lower.mode !== upper.mode) changed.push('mode');
  if (lower.uid !== upper.uid) changed.push('uid');
  if (lower.gid !== upper.gid) changed.push('gid');
  if ((lower.linkTarget ?? '') !== (upper.linkTarget ?? '')) changed.push('linkTarget');
  if (content) changed.push('content');
  return changed.length === 0 ? NOTHING_CHANGED : changed.slice();
}

/** Compares the bytes of two writes; returns `undefined` when a size or a file's digest is unknown. */
function contentChanged(lower: WriteEntry, upper: WriteEntry): boolean | undefined {
  if (lower.type !== 'file' || upper.type !== 'file') return false;
  if (lower.size === null || upper.size === null) return undefined;
  if (lower.size !== upper.size) return true;
  // Readers hash no empty file, and two empty files hold the same bytes.
  if (lower.size === 0) return false;
  if (lower.digest === undefined || upper.digest === undefined) return undefined;
  return lower.digest !== upper.digest;
}

/**
 * Names a metadata-only modification in a few words (`mode only`, `owner only`, `same bytes
 * rewritten`). Returns `undefined` when the content changed, and for a directory that changed
 * nothing, because builders list unchanged parent directories in every layer that writes below
 * them.
 */
export function describeAttributeChange(attributes: readonly Attribute[], type: WriteEntry['type']): string | undefined {
  if (attributes.includes('content') || attributes.includes('type')) return undefined;
  const names: string[] = [];
  if (attributes.includes('mode')) names.push('mode');
  if (attributes.includes('uid') || attributes.includes('gid')) names.push('owner');
  if (attributes.includes('linkTarget')) names.push('link target');
  if (names.length > 0) return `${names.join(' and ')} only`;
  return type === 'directory' ? undefined : 'same bytes rewritten';
}
