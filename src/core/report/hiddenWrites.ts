/**
 * What later layers hide of the files each layer writes, summed from one waste traversal
 * (`wasteReport`), so that a step's hover can state which of its bytes are wasted.
 */
import { wasteReport, type WasteRecord } from '../model/merged';
import type { LayerStack } from '../model/stack';

/** The files of one layer that later layers shadow or delete, as of the stack's top. */
export interface HiddenWrites {
  /**
   * Hidden files of known size above 0, the versions the waste counts. NOTE: hidden files of
   * unknown size are left out, as `wasteReport` passes no record for them.
   */
  files: number;
  bytes: number;
  /** The layers that hid them, each with how: by shadowing, by deleting, or both. */
  hiders: Map<number, Set<WasteRecord['kind']>>;
}

/** Sums the waste records of `stack` as of its top by the layer that wrote the hidden bytes. */
export function sumHiddenWrites(stack: LayerStack): Map<number, HiddenWrites> {
  const byLayer = new Map<number, HiddenWrites>();
  wasteReport(stack, stack.top, (record) => {
    let hidden = byLayer.get(record.writtenBy);
    if (!hidden) {
      hidden = { files: 0, bytes: 0, hiders: new Map() };
      byLayer.set(record.writtenBy, hidden);
    }
    // A layer writes a path once, so each record of the layer is another file.
    hidden.files++;
    hidden.bytes += record.bytes;
    const kinds = hidden.hiders.get(record.hiddenBy) ?? new Set();
    kinds.add(record.kind);
    hidden.hiders.set(record.hiddenBy, kinds);
  });
  return byLayer;
}
