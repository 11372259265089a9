/**
 * The contents of each deleted directory of a merged view just before its deletion, so the panel
 * can show how much the deletion hid. No `vscode` import, so it runs under plain mocha.
 */
import type { LayerStack } from '../../core/model/stack';
import { RowState, type DeletedContents, type MergedRows } from '../../protocol/webview';

const DIRECTORY = 1;

/** Rebuilds the full path of a row from its name and its parents' names. */
export function pathOfRow(rows: MergedRows, row: number): string {
  const names: string[] = [];
  for (let current = row; current >= 0; current = rows.parents[current]) names.push(rows.names[current]);
  return '/' + names.reverse().join('/');
}

/** Counts the paths below `path` and their sizes in the merged filesystem as of layer `asOf`. */
function tallyBelow(stack: LayerStack, path: string, asOf: number, into: Omit<DeletedContents, 'row'>): void {
  for (const child of stack.children(path, asOf)) {
    const childPath = path === '/' ? `/${child.name}` : `${path}/${child.name}`;
    const size = child.version.entry.size;
    into.paths++;
    if (size === null) into.unknownSizes++;
    else into.bytes += size;
    if (child.version.entry.type === 'directory') tallyBelow(stack, childPath, asOf, into);
  }
}

/**
 * Lists, for each deleted directory row of `rows`, the paths below it as the merged filesystem
 * showed them just before the layer that deleted it. A deleted file's size is already its row's
 * size. A directory that may hold paths no layer lists gets one more path of unknown size.
 */
export function describeDeletedContents(stack: LayerStack, rows: MergedRows): DeletedContents[] {
  const contents: DeletedContents[] = [];
  for (let row = 0; row < rows.names.length; row++) {
    if (rows.states[row] !== RowState.deleted || rows.types[row] !== DIRECTORY) continue;
    const before = rows.layers[row] - 1;
    const tally = { paths: 0, bytes: 0, unknownSizes: 0 };
    if (before >= 0) {
      const path = pathOfRow(rows, row);
      tallyBelow(stack, path, before, tally);
      // Paths that a layer of unknown contents wrote here are not listed, so they count as one of unknown size.
      if (stack.mayHoldUnlisted(path, before)) tally.unknownSizes++;
    }
    contents.push({ row, ...tally });
  }
  return contents;
}
