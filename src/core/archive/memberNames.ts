/**
 * Decodes tar member names from their raw bytes. A tar stores a name as bytes with no encoding,
 * and a Linux file name may hold any byte but NUL and `/`, so a name need not be valid UTF-8.
 * node-tar decodes every name as UTF-8, which turns each invalid byte into U+FFFD, so `a\xffb`
 * and `a\xfeb` would read as one name.
 *
 * The rule: a name that is valid UTF-8 reads as its UTF-8 text. Any other name reads with each
 * byte that is not part of a valid UTF-8 sequence written as `\xhh` (two lowercase hex digits)
 * and each backslash doubled (`\\`). A valid name that already contains text such as `\xff` (a
 * backslash, `x` and a hex byte from 80 to ff, in any case) is written the same way, with its
 * backslashes doubled. So a shown name contains such a `\xhh` exactly when it was escaped, and
 * every shown name maps back to one byte string: distinct names stay distinct.
 */
import { isUtf8 } from 'node:buffer';

/** An entry's names decoded from raw bytes, each set only when node-tar's decoding may differ. */
export interface MemberNames {
  path?: string;
  linkpath?: string;
}

const BACKSLASH = 0x5c;
/** Text that reads as the escape of an invalid byte: only bytes 80 to ff are ever invalid alone. */
const ESCAPE_LIKE = /\\x[89a-f][0-9a-f]/i;

/** Returns `bytes` as a name, by the rule above. */
export function decodeMemberName(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) {
    const text = buffer.toString('utf8');
    if (!ESCAPE_LIKE.test(text)) return text;
  }
  return escapeName(buffer);
}

/**
 * Returns whether `bytes` may read differently by the rule above than by node-tar's UTF-8
 * decoding: names of ASCII characters other than the backslash never do.
 */
export function mayNeedDecoding(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte >= 0x80 || byte === BACKSLASH) return true;
  }
  return false;
}

function escapeName(bytes: Buffer): string {
  let shown = '';
  let index = 0;
  while (index < bytes.length) {
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) {
      shown += '\\x' + bytes[index].toString(16).padStart(2, '0');
      index += 1;
    } else {
      shown += bytes[index] === BACKSLASH ? '\\\\' : bytes.toString('utf8', index, index + length);
      index += length;
    }
  }
  return shown;
}

/**
 * Returns the length of the well-formed UTF-8 sequence at `index` (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0 when none starts there.
 */
function utf8SequenceLength(bytes: Buffer, index: number): number {
  const lead = bytes[index];
  if (lead < 0x80) return 1;
  const [length, low, high] = continuationRange(lead);
  if (length === 0 || index + length > bytes.length) return 0;
  if (bytes[index + 1] < low || bytes[index + 1] > high) return 0;
  for (let next = index + 2; next < index + length; next++) {
    if (bytes[next] < 0x80 || bytes[next] > 0xbf) return 0;
  }
  return length;
}

/** Returns a lead byte's sequence length and the range its first continuation byte must fall in. */
function continuationRange(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}
