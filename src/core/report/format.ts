/** Byte counts, counted nouns and name order for people, shared by the CLI reports and the editor. */
import type { ChangeKind } from '../model/layer';
import { compareNames, type ClassifiedEntry } from '../model/stack';

const byteUnits = ['kB', 'MB', 'GB', 'TB'];

/** Returns `count noun`, with the plural form (by default the noun with an `s`) unless the count is 1. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  // Grouped by thousands, as the panel and the CLI's tables write counts.
  return `${count.toLocaleString('en')} ${count === 1 ? noun : pluralNoun}`;
}

/** The counts of what one layer removes of the layers below it, from its classified entries. */
export interface RemovedPaths {
  /** Whiteouts that remove a path some lower layer lists. */
  whiteouts: number;
  /** The lower paths those whiteouts remove, the deleted paths themselves included. */
  removedByWhiteouts: number;
  /** Lower paths that writes hide without a whiteout: an opaque folder's, or a folder's that a file replaces. */
  hiddenByWrites: number;
}

/**
 * Counts what a layer's entries remove. A deletion's `hiddenCount` counts the path itself and the
 * paths below it, and a write's only the lower paths it hides, so the two kinds are kept apart.
 */
export function countRemovedPaths(entries: readonly ClassifiedEntry[]): RemovedPaths {
  const removed: RemovedPaths = { whiteouts: 0, removedByWhiteouts: 0, hiddenByWrites: 0 };
  for (const classified of entries) {
    const hidden = classified.hiddenCount ?? 0;
    if (classified.change === 'deleted' && hidden > 0) {
      removed.whiteouts++;
      removed.removedByWhiteouts += hidden;
    } else if (classified.entry.op === 'write') {
      removed.hiddenByWrites += hidden;
    }
  }
  return removed;
}

/**
 * Names what a layer removes, as the words that follow "deletes": `1 path`, `1 path and 1,010
 * paths below it`, `1 path and hides 2 lower paths`. Paths that an opaque folder or a file over
 * a folder hides are not below any deleted path, so they are named apart. Callers word a layer
 * without such whiteouts themselves ("hides 2 lower paths").
 */
export function describeRemovedPaths(removed: RemovedPaths): string {
  const paths = plural(removed.whiteouts, 'path');
  const below = removed.removedByWhiteouts - removed.whiteouts;
  const deleted = below > 0 ? `${paths} and ${plural(below, 'path')} below ${removed.whiteouts === 1 ? 'it' : 'them'}` : paths;
  if (removed.hiddenByWrites === 0) return deleted;
  // A second "and" inside the first clause needs the comma to keep the two verbs apart.
  const hidden = `hides ${plural(removed.hiddenByWrites, 'lower path')}`;
  return below > 0 ? `${deleted}, and ${hidden}` : `${deleted} and ${hidden}`;
}

// English collation with digit runs compared as numbers. VS Code's Explorer sorts names with such a
// collator too (`compareFileNames` in its src/vs/base/common/comparers.ts).
const naturalOrder = new Intl.Collator('en', { numeric: true });

/**
 * Orders names for people: `f2` before `f10`, and letters before their case (`a`, `b`, `B`).
 * Names that the collation ranks equal (`é` precomposed or not) fall back to UTF-16 code unit
 * order, so the order is total.
 */
export function compareNamesNaturally(a: string, b: string): number {
  return naturalOrder.compare(a, b) || compareNames(a, b);
}

/** Capitalises the first letter, for a word or message that opens a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Joins items as an English sentence lists them: `a`, `a and b`, `a, b and c`. */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Bytes summed over several paths, and how many of the paths have no known size. */
export interface SizeTally {
  bytes: number;
  unknownSizes: number;
}

/**
 * Formats a tally's bytes: exact when every size is known, else the known part as a lower bound
 * (`at least 4.0 kB`), or `size unknown` when no known size adds a byte. `open` is set for a layer
 * that may write paths it does not list, whose listed sizes are then a lower bound too. There a
 * total of 0 B reads `at least 0 B` when `sizedFile` is set (the paths include a file of known
 * size, such as an empty file listed with 0 B). Otherwise it reads `size unknown`, because the
 * paths are folders whose unlisted contents may have any size.
 */
export function formatSizeTally(tally: SizeTally, open: boolean, sizedFile = false): string {
  if (tally.unknownSizes === 0 && !open) return formatBytes(tally.bytes);
  if (tally.bytes === 0 && (tally.unknownSizes > 0 || !sizedFile)) return 'size unknown';
  return `at least ${formatBytes(tally.bytes)}`;
}

/** Returns whether a layer's `change` entries include a file of known size, for `formatSizeTally`. */
export function listsSizedFile(entries: readonly ClassifiedEntry[], change: ChangeKind): boolean {
  return entries.some((classified) => classified.change === change && classified.entry.op === 'write' && classified.entry.type === 'file' && classified.entry.size !== null);
}

/** Formats a byte count in decimal units, as `docker images` does (1 kB = 1000 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  // Compare the rounded value, so 999,950 bytes reads "1.0 MB" rather than "1000 kB".
  while (unit < byteUnits.length - 1 && Number(value.toFixed(value >= 100 ? 0 : 1)) >= 1000) {
    value /= 1000;
    unit++;
  }
  const digits = value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${byteUnits[unit]}`;
}

/**
 * Formats a share from 0 to 1 as a percentage with one decimal, rounded, except that a share
 * above 0 never reads "0.0%" and one below 1 never reads "100.0%": "<0.1%" and ">99.9%" instead.
 */
export function formatShare(share: number): string {
  const tenths = Math.round(share * 1000);
  if (share > 0 && tenths === 0) return '<0.1%';
  if (share < 1 && tenths === 1000) return '>99.9%';
  return `${(tenths / 10).toFixed(1)}%`;
}

/**
 * Formats a share that is an upper bound, as `formatShare` does: "at most 12.5%". Its bounds read
 * "under 0.1%" and "under 100%", where "at most <0.1%" would stack two bounds.
 */
export function formatShareAtMost(share: number): string {
  const formatted = formatShare(share);
  if (formatted === '<0.1%') return 'under 0.1%';
  if (formatted === '>99.9%') return 'under 100%';
  return `at most ${formatted}`;
}

/**
 * Cuts a message after its first sentence: a `.`, `!` or `?` before a space and a capital, a
 * quote, or the end. A message without a full stop gets one.
 */
export function firstSentence(message: string): string {
  const match = /^[\s\S]*?[.!?](?=\s+["'(A-Z]|\s*$)/.exec(message);
  return match ? match[0] : `${message.trimEnd()}.`;
}

/** Returns `text` on one line, its whitespace runs as single spaces, cut to `maxLength` with an ellipsis. */
export function shortenLine(text: string, maxLength = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? line.slice(0, maxLength - 1) + '…' : line;
}
