/**
 * The order of the Merged Filesystem panel, for views that list full paths: within each folder,
 * folders first, then names in natural order (`f2` before `f10`). The panel's script
 * (media/panel/model.js) is a plain browser script that cannot import the core, so it keeps its
 * own copy of `compareNamesNaturally`. test/unit/cli/explainTreeOrder.test.ts checks that the CLI
 * and the panel list a tree in the same order.
 */
import { compareNamesNaturally } from './format';

/** A path split into its names, and whether its last name is a folder. */
interface SortKey<T> {
  item: T;
  names: string[];
  isFolder: boolean;
}

/**
 * Returns `items` in the panel's order. Every name but the last of a path is a folder, as the panel
 * shows a folder that the layers do not list (`/root/go` above a listed `/root/go/bin`). Each folder
 * comes before the paths below it, and those paths follow it without a gap.
 */
export function sortPathsAsPanel<T>(items: readonly T[], pathOf: (item: T) => string, isFolder: (item: T) => boolean): T[] {
  const keys = items.map((item): SortKey<T> => ({ item, names: pathOf(item).split('/').filter((name) => name !== ''), isFolder: isFolder(item) }));
  return keys.sort(compareKeys).map((key) => key.item);
}

function compareKeys<T>(a: SortKey<T>, b: SortKey<T>): number {
  const shared = Math.min(a.names.length, b.names.length);
  for (let index = 0; index < shared; index++) {
    if (a.names[index] === b.names[index]) continue;
    const folders = Number(folderAt(b, index)) - Number(folderAt(a, index));
    return folders || compareNamesNaturally(a.names[index], b.names[index]);
  }
  // One path is the other's folder, which comes first.
  return a.names.length - b.names.length;
}

function folderAt<T>(key: SortKey<T>, index: number): boolean {
  return index < key.names.length - 1 || key.isFolder;
}
