/**
 * Reads tar member names from their raw bytes, for names that node-tar's UTF-8 decoding would
 * change (see `memberNames.ts`) and for names with a NUL, which node-tar cuts there.
 *
 * A name that is not valid UTF-8 gets an ASCII placeholder in a copy of its header before
 * node-tar's `Header` decodes it. The placeholder is needed because node-tar drops a PAX `path`
 * record whose decoded text no longer has the length the record states. It then reads the
 * header's own name field, which in Docker's layers holds only the ASCII bytes of such a name.
 * So `w/\xffbin` would read as `w/bin`, and `w/\xff` as the directory `w/`.
 */
import type { HeaderData } from 'tar';
import type { MemberNames } from './memberNames';
import type { TarEntryFields } from './tarEntry';

const CHECKSUM_FIELD = 148;
const CHECKSUM_LENGTH = 8;
export const LINK_NAME_FIELD = 157;
export const LINK_NAME_LENGTH = 100;
const NAME_LENGTH = 100;
const MAGIC_FIELD = 257;
const PREFIX_FIELD = 345;
/** node-tar reads a 155-byte prefix when this byte is set, and a 130-byte one otherwise. */
const LONG_PREFIX_MARK = 475;
const NEWLINE = 0x0a;
/** Header names that replace names that are not valid UTF-8, so node-tar reads a usable header. */
const PLACEHOLDER_NAME = 'invalid-utf8-name';
const PLACEHOLDER_LINK_NAME = 'invalid-utf8-target';

/** The `path` and `linkpath` values of extended headers that contain a NUL, as text. */
export interface NamesWithNul {
  path?: string;
  linkpath?: string;
}

/** The raw names that extended headers set for the next entry. */
export interface RawNames {
  path?: Buffer;
  linkpath?: Buffer;
}

/**
 * Raw names that node-tar would read differently: it cuts PAX `path` and `linkpath` values at a NUL,
 * so an entry named `bin/a<NUL>b` would be read as `bin/a`. Set only when the raw value differs.
 * Names that are not valid UTF-8 are decoded by the rule in `memberNames.ts`, both here and in
 * the entry's `path` and `linkpath`, which are cut at a NUL as node-tar cuts them.
 */
export interface TarEntryNames {
  path?: string;
  linkpath?: string;
}

/** Returns a copy of `block` with an empty link name field and the checksum that goes with it. */
export function withoutLinkName(block: Buffer): Buffer {
  const copy = Buffer.from(block);
  copy.fill(0, LINK_NAME_FIELD, LINK_NAME_FIELD + LINK_NAME_LENGTH);
  return withChecksum(copy);
}

/**
 * Returns a copy of `block` whose name (and ustar prefix) or link name is an ASCII placeholder.
 * A directory-like name keeps its trailing `/`, since node-tar reads a file entry whose name ends
 * in `/` as a directory.
 */
export function withPlaceholderNames(block: Buffer, replace: { path: boolean; linkpath: boolean }, trailingSlash: boolean): Buffer {
  const copy = Buffer.from(block);
  if (replace.path) {
    copy.fill(0, 0, NAME_LENGTH);
    copy.write(PLACEHOLDER_NAME + (trailingSlash ? '/' : ''), 0, 'latin1');
    if (hasUstarMagic(copy)) copy.fill(0, PREFIX_FIELD, LONG_PREFIX_MARK + 1);
  }
  if (replace.linkpath) {
    copy.fill(0, LINK_NAME_FIELD, LINK_NAME_FIELD + LINK_NAME_LENGTH);
    copy.write(PLACEHOLDER_LINK_NAME, LINK_NAME_FIELD, 'latin1');
  }
  return withChecksum(copy);
}

/** Writes the checksum of a header block into it, and returns it. */
function withChecksum(copy: Buffer): Buffer {
  copy.fill(0x20, CHECKSUM_FIELD, CHECKSUM_FIELD + CHECKSUM_LENGTH);
  let sum = 0;
  for (const byte of copy) sum += byte;
  copy.write(sum.toString(8).padStart(6, '0') + '\0 ', CHECKSUM_FIELD, 'latin1');
  return copy;
}

/** Returns a header field's bytes up to its first NUL, as node-tar reads text fields. */
export function field(block: Buffer, start: number, length: number): Buffer {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return block.subarray(start, end);
}

function hasUstarMagic(block: Buffer): boolean {
  return block.toString('latin1', MAGIC_FIELD, MAGIC_FIELD + 8) === 'ustar\u000000';
}

/**
 * Returns an entry's path bytes as node-tar puts them together: the extended name, or else the
 * name field, after the ustar prefix when there is one (node-tar adds the prefix in both cases).
 */
export function memberPathBytes(block: Buffer, extendedPath: Buffer | undefined): Buffer {
  const name = extendedPath ?? field(block, 0, NAME_LENGTH);
  if (!hasUstarMagic(block)) return name;
  const prefix = block[LONG_PREFIX_MARK] !== 0 ? field(block, PREFIX_FIELD, 155) : field(block, PREFIX_FIELD, 130);
  return prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), name]) : name;
}

/**
 * Returns the raw `path` and `linkpath` values of a PAX body. It reads records as node-tar does,
 * line by line with the stated length checked, except that the length counts the raw bytes.
 */
export function paxNames(body: Buffer): RawNames {
  const names: RawNames = {};
  let start = 0;
  while (start < body.length) {
    const newline = body.indexOf(NEWLINE, start);
    const end = newline === -1 ? body.length : newline;
    const record = body.subarray(start, end);
    start = end + 1;
    // As node-tar does, the key starts after the digits of the stated length and one more byte, so
    // `19a path=x` has the key ` path` and sets nothing.
    const stated = Number.parseInt(record.toString('latin1', 0, Math.min(record.length, 24)), 10);
    if (stated !== record.length + 1) continue;
    const keyStart = String(stated).length + 1;
    const equals = record.indexOf(0x3d, keyStart);
    if (equals === -1) continue;
    const key = record.toString('latin1', keyStart, equals);
    if (key === 'path' || key === 'linkpath') names[key] = record.subarray(equals + 1);
  }
  return names;
}

/** Returns a GNU long name body without the NULs that end it. */
export function withoutTrailingNuls(body: Buffer): Buffer {
  let end = body.length;
  while (end > 0 && body[end - 1] === 0) end--;
  return body.subarray(0, end);
}

/**
 * Returns the `path` and `linkpath` values of an extended header of `type` that contain a NUL, the
 * last of each. Go's archive/tar, which Docker uses, rejects such a PAX record as an invalid
 * header. A GNU long name (`L` or `K` entry) is ended by NULs, so only a NUL inside it counts.
 */
export function namesWithNul(type: string, text: string): NamesWithNul {
  if (!/^\d+ [^=\n]+=/.test(text)) {
    const name = text.replace(/\0+$/, '');
    if (!name.includes('\0')) return {};
    return type === 'K' ? { linkpath: name } : { path: name };
  }
  const names: NamesWithNul = {};
  for (const record of text.split('\n')) {
    const match = /^\d+ (path|linkpath)=(.*)$/s.exec(record);
    if (match && match[2].includes('\0')) names[match[1] as keyof NamesWithNul] = match[2];
  }
  return names;
}

/** Pairs raw names with the path or link path of the extended headers that node-tar cut from them. */
export function matchCutNames(rawNames: string[], extended: HeaderData | undefined): TarEntryNames {
  const names: TarEntryNames = {};
  if (!extended) return names;
  for (const raw of rawNames) {
    // The same expression node-tar uses to cut a value at its NUL.
    const cut = raw.replace(/\0.*/, '');
    if (cut === extended.path) names.path = raw;
    else if (cut === extended.linkpath) names.linkpath = raw;
  }
  return names;
}

/** Puts names decoded from raw bytes on the entry, cut at a NUL, and in `names` when they contain one. */
export function applyDecodedNames(entry: TarEntryFields, names: TarEntryNames, decoded: MemberNames): void {
  if (decoded.path !== undefined) {
    entry.path = cutAtNul(decoded.path);
    if (decoded.path !== entry.path) names.path = decoded.path;
  }
  if (decoded.linkpath !== undefined) {
    entry.linkpath = cutAtNul(decoded.linkpath);
    if (decoded.linkpath !== entry.linkpath) names.linkpath = decoded.linkpath;
  }
}

function cutAtNul(name: string): string {
  const nul = name.indexOf('\0');
  return nul === -1 ? name : name.slice(0, nul);
}
