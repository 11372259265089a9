/**
 * Maps build context names between their bytes on disk and the text the analysis shows. A Linux
 * file name need not be valid UTF-8, and Node decodes names as UTF-8, which turns each invalid
 * byte into U+FFFD, so the decoded name no longer opens the file. The context shows such a name by
 * the image reader's `\xhh` rule (`decodeMemberName`), so that a prediction and a built layer
 * agree on it, and maps the shown name back to its bytes to open the file.
 *
 * NOTE: the rule applies to each path segment alone, while the image reader applies it to a whole
 * member path. The two differ only for a path that has an escaped segment and a backslash in
 * another segment, which the image reader doubles and the context keeps.
 */
import * as path from 'node:path';
import { decodeMemberName } from '../archive/memberNames';

const BACKSLASH = 0x5c;
const SLASH = Buffer.from('/');

/**
 * Returns whether `decodeMemberName` may show a name otherwise than Node decoded it. Only a name
 * with U+FFFD (from an invalid byte, or stored as such) or a backslash (doubled when escaped) may.
 */
export function mayBeEscaped(decoded: string): boolean {
  return decoded.includes('\uFFFD') || decoded.includes('\\');
}

/** Returns `folder` joined with a name's bytes, as bytes. */
export function joinNameBytes(folder: string | Buffer, name: Buffer): Buffer {
  const folderBytes = typeof folder === 'string' ? Buffer.from(folder) : folder;
  const endsWithSlash = folderBytes.length > 0 && folderBytes[folderBytes.length - 1] === SLASH[0];
  return Buffer.concat(endsWithSlash ? [folderBytes, name] : [folderBytes, SLASH, name]);
}

/**
 * Returns the host path of a normalized context path: a string, or the raw bytes when one of its
 * names is escaped.
 */
export function contextHostPath(root: string, contextPath: string): string | Buffer {
  if (contextPath === '') return root;
  if (!contextPath.includes('\\')) return path.join(root, contextPath);
  return joinNameBytes(root, contextPathBytes(contextPath));
}

/** Returns the bytes of a `/`-separated context path whose names `decodeMemberName` returned. */
export function contextPathBytes(contextPath: string): Buffer {
  if (!contextPath.includes('\\')) return Buffer.from(contextPath, 'utf8');
  const parts: Buffer[] = [];
  for (const segment of contextPath.split('/')) {
    if (parts.length > 0) parts.push(SLASH);
    parts.push(nameBytes(segment));
  }
  return Buffer.concat(parts);
}

/** Returns whether a context path has a name that is shown otherwise than its bytes read as UTF-8. */
export function hasEscapedName(contextPath: string): boolean {
  return contextPath.includes('\\') && !contextPathBytes(contextPath).equals(Buffer.from(contextPath, 'utf8'));
}

/**
 * Returns a context path as Go's regexp reads its bytes: each byte that is not part of a valid
 * UTF-8 sequence is one U+FFFD, where the shown path has four characters (`\xe9`).
 */
export function pathAsRunes(contextPath: string): string {
  if (!contextPath.includes('\\')) return contextPath;
  return contextPath.split('/').map(segmentAsRunes).join('/');
}

function segmentAsRunes(shown: string): string {
  if (nameBytes(shown).equals(Buffer.from(shown, 'utf8'))) return shown;
  return shown.replace(/\\(\\|x[0-9a-f]{2})/g, (escape) => (escape === '\\\\' ? '\\' : '\uFFFD'));
}

/** Returns the bytes of a name that `decodeMemberName` returned. */
export function nameBytes(shown: string): Buffer {
  const plain = Buffer.from(shown, 'utf8');
  if (!shown.includes('\\')) return plain;
  const unescaped = unescapeName(shown);
  // The rule maps distinct byte strings to distinct names. So bytes that show as `shown` are the
  // only ones it came from, and any other name with a backslash is shown as it is stored.
  return unescaped !== undefined && decodeMemberName(unescaped) === shown ? unescaped : plain;
}

/** Reads `\\` as a backslash and `\xhh` as byte hh. Returns `undefined` for any other backslash. */
function unescapeName(shown: string): Buffer | undefined {
  const parts: Buffer[] = [];
  let start = 0;
  for (let backslash = shown.indexOf('\\'); backslash >= 0; backslash = shown.indexOf('\\', start)) {
    parts.push(Buffer.from(shown.slice(start, backslash), 'utf8'));
    if (shown[backslash + 1] === '\\') {
      parts.push(Buffer.from([BACKSLASH]));
      start = backslash + 2;
      continue;
    }
    const hex = /^x([0-9a-f]{2})/.exec(shown.slice(backslash + 1, backslash + 4));
    if (hex === null) return undefined;
    parts.push(Buffer.from([Number.parseInt(hex[1] as string, 16)]));
    start = backslash + 4;
  }
  parts.push(Buffer.from(shown.slice(start), 'utf8'));
  return Buffer.concat(parts);
}
