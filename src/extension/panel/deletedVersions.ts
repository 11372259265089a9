/**
 * The layers that still hold a version of each deleted path of a merged view, for the panel's
 * "Written by". No `vscode` import, so it runs under plain mocha.
 */
import type { LayerStack } from '../../core/model/stack';
import { RowState, type MergedRows } from '../../protocol/webview';
import { pathOfRow } from './deletedContents';

/**
 * Lists, for each deleted row of `rows`, every layer that wrote a version of its path that the
 * deletion hides, lowest first: the version the row's `writtenBy` names and each version below
 * it that it shadows. Every one of those layers keeps its bytes in the image. The walk stops
 * where an earlier deletion hid the older versions, because that deletion has a row of its own
 * in an earlier layer's view. A row whose `writtenBy` is -1 gets no entry.
 */
export function describeDeletedVersions(stack: LayerStack, rows: MergedRows): Array<{ row: number; layers: number[] }> {
  const found: Array<{ row: number; layers: number[] }> = [];
  for (const { row, layer } of rows.writtenBy) {
    if (rows.states[row] !== RowState.deleted || layer < 0) continue;
    const path = pathOfRow(rows, row);
    const layers: number[] = [];
    for (let version = stack.lookup(path, layer); version; version = stack.lookup(path, version.layer - 1)) {
      layers.push(version.layer);
    }
    found.push({ row, layers: layers.reverse() });
  }
  return found;
}
