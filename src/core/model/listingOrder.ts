/**
 * The order in which a hover lists a layer's paths: the largest first, unknown sizes last, then
 * by path. A hover lists 8 of them, and a layer may hold 100,000, so the first few are picked
 * in one pass: sorting all 83,842 modified paths of the bench's `COPY . /app` (`npm run bench`)
 * took 100 to 200 ms of the hover's first render, in profiles on a loaded 2-core machine.
 */
import type { ClassifiedEntry } from './stack';

/** Returns the first `count` of `entries` in listing order, the same entries a full sort puts first. */
export function firstInListingOrder(entries: readonly ClassifiedEntry[], count: number): ClassifiedEntry[] {
  const first: ClassifiedEntry[] = [];
  for (const classified of entries) {
    let position = first.length;
    while (position > 0) {
      const order = compareForListing(classified, first[position - 1]);
      // Two entries of one path and weight have no order, and where they land depends on the
      // sort's algorithm, so the full sort decides.
      if (order === 0) return sortForListing(entries).slice(0, count);
      if (order > 0) break;
      position--;
    }
    if (position >= count) continue;
    first.splice(position, 0, classified);
    if (first.length > count) first.pop();
  }
  return first;
}

/** Sorts a copy of `entries` in listing order, as the hover did before it picked the first few. */
export function sortForListing(entries: readonly ClassifiedEntry[]): ClassifiedEntry[] {
  return [...entries].sort((a, b) => weight(b) - weight(a) || (a.entry.path < b.entry.path ? -1 : 1));
}

/** Compares two entries in listing order; 0 only for two entries of the same weight and path. */
function compareForListing(a: ClassifiedEntry, b: ClassifiedEntry): number {
  const difference = weight(b) - weight(a);
  if (difference !== 0) return difference;
  if (a.entry.path === b.entry.path) return 0;
  return a.entry.path < b.entry.path ? -1 : 1;
}

/** Orders entries by size; a deletion weighs what it hides, so wide deletions come first. */
function weight(classified: ClassifiedEntry): number {
  if (classified.entry.op === 'delete') return classified.hiddenCount ?? 0;
  return classified.entry.size ?? -1;
}
