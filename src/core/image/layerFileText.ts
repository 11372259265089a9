/** The text of a document that shows a file read from a layer: the file itself, or a note. */
import { TextDecoder } from 'node:util';
import type { LayerFile } from './layerFile';

/** Bytes of a binary file shown as hex in its note. */
const HEX_PREVIEW_BYTES = 256;

/** Bytes that are checked for NUL, as `git` and `grep` look only at the start of a file. */
const BINARY_CHECK_BYTES = 8000;

/**
 * Returns whether `bytes` are not text: a NUL byte near the start, or bytes that are not UTF-8.
 */
export function isBinary(bytes: Buffer): boolean {
  if (bytes.subarray(0, BINARY_CHECK_BYTES).includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/**
 * Renders a file for a read-only document: text as it is, a symlink as a one-line note, and a
 * binary file as a note with its size and the hex of its first 256 bytes.
 */
export function renderLayerFile(file: LayerFile, path: string): string {
  if (file.kind === 'symlink') return `${path} is a symbolic link to ${file.target}\n`;
  const origin = file.entryPath === path ? '' : ` (a hard link to ${file.entryPath})`;
  if (!isBinary(file.bytes)) return file.bytes.toString('utf8');
  const lines = [`${path}${origin} is a binary file of ${file.bytes.length} bytes. Its first ${Math.min(HEX_PREVIEW_BYTES, file.bytes.length)} bytes:`, ''];
  lines.push(...hexLines(file.bytes.subarray(0, HEX_PREVIEW_BYTES)));
  return lines.join('\n') + '\n';
}

/** Formats bytes as `hexdump -C` does: offset, 16 bytes in hex, then the printable ones. */
function hexLines(bytes: Buffer): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = [...row].map((byte) => byte.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const printable = [...row].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${printable}|`);
  }
  return lines;
}
