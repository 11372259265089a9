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

  /**
   * Formats a directory total for the size column. When some sizes below it are unknown the total
   * is a lower bound, marked with a trailing `+`, and a total of nothing known is `unknown`.
   */
  function total(count, someUnknown) {
    if (!someUnknown) return bytes(count);
    return count === 0 ? 'unknown' : `${bytes(count)}+`;
  }

  /** Formats what a deleted directory held (a `DeletedContents`), for the size column. */
  function deletedTotal(contents) {
    return total(contents.bytes, contents.unknownSizes > 0);
  }

  /**
   * Formats the bytes a layer writes, as the Image Layers view does. A layer of unknown certainty
   * may write paths it does not list, so its listed bytes are only a lower bound.
   */
  function layerSize(layer) {
    if (layer.emptyLayer) return 'no filesystem layer';
    if (layer.unknownSizes > 0) return layer.bytes === 0 ? 'unknown size' : `${bytes(layer.bytes)} + ${layer.unknownSizes} of unknown size`;
    if (layer.certainty !== 'unknown') return bytes(layer.bytes);
    return layer.bytes === 0 && !layer.sizedFile ? 'unknown size' : `at least ${bytes(layer.bytes)}`;
  }

  /**
   * Returns the instruction on one line, cut to `max` characters: continuation backslashes and
   * the line breaks after them become spaces, and a heredoc keeps its first line only.
   */
  function shortText(text, max) {
    const firstLine = text.replace(/\\[ \t]*\r?\n\s*/g, ' ').split(/\r?\n/, 1)[0].replace(/\s+/g, ' ').trim();
    return firstLine.length > max ? `${firstLine.slice(0, max - 1)}…` : firstLine;
  }

  /**
   * Names a layer for the row cells: `#3 COPY`. A layer of a linked image with no recorded
   * command gets words instead (`#0 base image`), because it has no instruction.
   */
  function layerShort(layer) {
    if (!layer) return '';
    return `#${layer.index} ${layer.plainLabel ? layer.plainLabel.short : layer.instruction}`;
  }

  /** Returns what a layer does on one line: its instruction cut to `max` characters, or the words for a layer without one. */
  function layerText(layer, max) {
    return layer.plainLabel ? layer.plainLabel.text : shortText(layer.text, max);
  }

  /** Names a layer in full for the selector and the details. */
  function layerLong(layer) {
    const text = `#${layer.index} · line ${layer.line} · ${layerText(layer, 70)} · ${layerSize(layer)}`;
    return layer.source ? `${text} · ${layer.source}` : text;
  }

  /** Formats a count with its noun, which gets an `s` unless the count is 1: `1 path`, `20,450 paths`. */
  function count(value, noun) {
    return `${value.toLocaleString('en')} ${noun}${value === 1 ? '' : 's'}`;
  }

  /** Formats permission bits in octal with four digits, as `ls` and `chmod` show them: `0755`; `null` is unknown. */
  function mode(bits) {
    if (bits === null || bits === undefined) return 'unknown';
    return (bits & 0o7777).toString(8).padStart(4, '0');
  }

  /** Formats an owner as `uid:gid`, each `unknown` when `null`, and `unknown` when neither is known. */
  function owner(uid, gid) {
    const known = (id) => (id === null || id === undefined ? 'unknown' : String(id));
    if (known(uid) === 'unknown' && known(gid) === 'unknown') return 'unknown';
    return `${known(uid)}:${known(gid)}`;
  }

  /**
   * Replaces control characters in a name with the escapes the CLI and the hover print (`\n`,
   * `\t`, `\x1b`), because `textContent` shows a newline or a tab as a space. It copies
   * `escapeControlCharacters` of `src/core/report/controlCharacters.ts`, which this plain script
   * cannot import; a unit test checks that both give the same text.
   */
  function visibleName(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => {
      if (character === '\n') return '\\n';
      if (character === '\t') return '\\t';
      if (character === '\r') return '\\r';
      return '\\x' + character.charCodeAt(0).toString(16).padStart(2, '0');
    });
  }

  panel.format = { bytes, total, deletedTotal, layerSize, shortText, layerShort, layerText, layerLong, count, mode, owner, visibleName };
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
