// Text for sizes and layers, shared by the rows, the details and the layer selector.
// Plain browser script: it attaches `format` to `globalThis.layerLensPanel`.
(function (panel) {
  'use strict';

  const UNITS = ['kB', 'MB', 'GB', 'TB'];

  /**
   * Formats a byte count in decimal units, as `docker images` and the rest of Layer Lens do
   * (1 kB = 1000 B); `null` is an unknown size.
   */
  function bytes(count) {
    if (count === null || count === undefined) return 'unknown';
    if (count < 1000) return `${count} B`;
    let value = count;
    let unit = -1;
    // Compare the rounded value, so 999,950 bytes reads "1.0 MB" rather than "1000 kB".
    while (unit < UNITS.length - 1 && Number(value.toFixed(value >= 100 ? 0 : 1)) >= 1000) {
      value /= 1000;
      unit++;
    }
    return `${value.toFixed(value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
  }

  /** Formats a directory total; a trailing `+` marks that some sizes below it are unknown. */
  function total(count, someUnknown) {
    return someUnknown ? `${bytes(count)}+` : bytes(count);
  }

  /** Returns the instruction's first line, cut to `max` characters. */
  function shortText(text, max) {
    const firstLine = text.split(/\r?\n/, 1)[0].replace(/\s+/g, ' ').trim();
    return firstLine.length > max ? `${firstLine.slice(0, max - 1)}…` : firstLine;
  }

  /** Names a layer for the row cells: `#3 COPY`. */
  function layerShort(layer) {
    return layer ? `#${layer.index} ${layer.instruction}` : '';
  }

  /** Names a layer in full for the selector and the details. */
  function layerLong(layer) {
    const size = layer.emptyLayer ? 'no filesystem change' : bytes(layer.bytes) + (layer.unknownSizes > 0 ? '+' : '');
    return `#${layer.index} · line ${layer.line} · ${shortText(layer.text, 70)} · ${size}`;
  }

  /** Formats a count with its noun, which gets an `s` unless the count is 1: `1 path`, `20,450 paths`. */
  function count(value, noun) {
    return `${value.toLocaleString('en')} ${noun}${value === 1 ? '' : 's'}`;
  }

  panel.format = { bytes, total, shortText, layerShort, layerLong, count };
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
