// The accessible name of a tree row, the sentence a screen reader announces when the row becomes
// active. Read in order, the cells alone give `srv/ #3 WORKDIR 12 301 B`: a bare line number, no
// column words and no word for file or folder, so the name puts each fact in words.
// Plain browser script: it attaches `describeRowName` to `globalThis.layerLensPanel`.
(function (panel) {
  'use strict';

  // Type codes, as `src/protocol/webview.ts` defines them.
  const TYPE_WORDS = ['file', 'folder', 'symlink', 'hard link'];

  /** Formats a byte count with the unit in words below 1 kB (`301 bytes`), and as the size column does above it. */
  function spokenBytes(count) {
    if (count === null || count === undefined) return 'size unknown';
    if (count === 1) return '1 byte';
    return count < 1000 ? `${count} bytes` : panel.format.bytes(count);
  }

  /** Formats a folder total, a lower bound when some sizes below it are unknown, as `format.total` does with its `+`. */
  function spokenTotal(count, someUnknown) {
    if (!someUnknown) return spokenBytes(count);
    return count === 0 ? 'size unknown' : `at least ${spokenBytes(count)}`;
  }

  /** Names a layer by its step, as the Layer column and the Image Layers view do: `step #3 WORKDIR on line 12`. */
  function layerWords(layer) {
    return `step ${panel.format.layerShort(layer)} on line ${layer.line}`;
  }

  /** Lists step numbers as a sentence ends them: `#1`, `#1 and #4`, `#1, #2 and #4`. */
  function stepList(indices) {
    const numbers = indices.map((index) => `#${index}`);
    if (numbers.length === 1) return numbers[0];
    return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
  }

  /** Names a row's kind: a deletion of a path no earlier layer lists has an unknown type, so it is a `path`. */
  function kindOf(model, row) {
    if (model.isImplied(row)) return 'folder';
    if (model.isUnlistedDeletion(row)) return 'deleted path';
    const kind = TYPE_WORDS[model.rows.types[row]] || 'path';
    return model.isDeleted(row) ? `deleted ${kind}` : kind;
  }

  /** Describes the size that the Size column shows, in the same cases as the tree's `describeSize`. */
  function sizeWords(model, row) {
    if (model.isUnlistedDeletion(row)) return 'no earlier layer lists it, size unknown';
    const deleted = model.isDeleted(row);
    let size;
    if (!model.isFolder(row)) {
      size = spokenBytes(model.rows.sizes[row]);
    } else {
      const contents = deleted ? model.details.deletedContents.get(row) : undefined;
      size = contents ? spokenTotal(contents.bytes, contents.unknownSizes > 0) : spokenTotal(model.totalOf(row), model.hasUnknownSize(row));
    }
    return deleted ? `${size} before the deletion` : size;
  }

  /**
   * Returns the accessible name of `row`: its kind and name, its link target, the layer that
   * provides or deletes it, its size, and the layers it shadows, in the order of the columns:
   * `folder srv, from step #3 WORKDIR on line 12, 301 bytes`.
   */
  function describeRowName(model, row, layers) {
    const words = [`${kindOf(model, row)} ${panel.format.visibleName(model.rows.names[row])}`];
    const target = model.details.linkTargets.get(row);
    if (target !== undefined) words.push(`target ${panel.format.visibleName(target)}`);
    const layer = layers[model.rows.layers[row]];
    if (model.isImplied(row)) words.push('not listed by any layer');
    else if (model.isDeleted(row)) words.push(layer ? `deleted by ${layerWords(layer)}` : 'deleted by an unknown step');
    else if (layer) words.push(`from ${layerWords(layer)}`);
    words.push(sizeWords(model, row));
    const shadowed = model.details.shadowed.get(row);
    if (shadowed) words.push(`shadows ${shadowed.length === 1 ? 'step' : 'steps'} ${stepList(shadowed.map((version) => version.layer))}`);
    return words.join(', ');
  }

  panel.describeRowName = describeRowName;
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
