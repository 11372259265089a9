/**
 * Clears the link name that Docker leaves on some whiteouts, before node-tar reads the tar.
 *
 * Overlayfs makes whiteouts hard links of one shared inode. Docker's layer export notes the hard
 * link, then turns each whiteout into an empty regular file named `.wh.NAME`, without clearing the
 * link name, so a layer that deletes several paths has whiteouts such as `srv/.wh.b` with link name
 * `srv/a` (`test/fixtures/images/shared-whiteouts/`). `docker load` and GNU tar read such an entry as
 * a plain empty file. node-tar rejects it ("linkpath forbidden"): in strict mode as an error, and
 * otherwise by dropping it, which would lose the deletion. This stream walks the tar's headers and
 * blanks the link name field of an empty regular file, so that node-tar reads it as they do.
 * NOTE: a stray link name given in a PAX `linkpath` record stays, and node-tar still rejects it.
 *
 * The same walk reads each entry's name and link name from their raw bytes, for names that
 * node-tar's UTF-8 decoding would change (see `memberNames.ts`). It reports them by the entry's
 * position, and gives a name that is not valid UTF-8 an ASCII placeholder in the header. The
 * placeholder is needed because node-tar drops a PAX `path` record whose decoded text no longer
 * has the length the record states. It then reads the header's own name field, which in Docker's
 * layers holds only the ASCII bytes of such a name. So `w/\xffbin` would read as `w/bin`, and
 * `w/\xff` as the directory `w/`.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { Header, Pax, type HeaderData } from 'tar';
import { decodeMemberName, mayNeedDecoding, type MemberNames } from './memberNames';

const BLOCK = 512;
const SIZE_FIELD = 124;
const CHECKSUM_FIELD = 148;
const CHECKSUM_LENGTH = 8;
const TYPE_FIELD = 156;
const LINK_NAME_FIELD = 157;
const LINK_NAME_LENGTH = 100;
const NAME_LENGTH = 100;
const MAGIC_FIELD = 257;
const PREFIX_FIELD = 345;
/** node-tar reads a 155-byte prefix when this byte is set, and a 130-byte one otherwise. */
const LONG_PREFIX_MARK = 475;
const NEWLINE = 0x0a;
const SLASH = 0x2f;
/** Header names that replace names that are not valid UTF-8, so node-tar reads a usable header. */
const PLACEHOLDER_NAME = 'invalid-utf8-name';
const PLACEHOLDER_LINK_NAME = 'invalid-utf8-target';
/** node-tar ignores extended headers larger than this (its `maxMetaEntrySize` default). */
const MAX_META_BYTES = 1024 * 1024;

/** Type flags of the headers whose body describes the next entry, as node-tar reads them. */
const META_TYPES = new Set(['x', 'X', 'g', 'L', 'K', 'N']);
/** Type flags of regular files: `0`, the old NUL flag and `7` (contiguous file). */
const FILE_TYPES = new Set(['0', '\0', '7']);
/** Type flags of hard links and symlinks, the only entries whose link name node-tar reads. */
const LINK_TYPES = new Set(['1', '2']);

/** The body of an extended header being read. */
interface MetaBody {
  type: string;
  size: number;
  chunks: Buffer[];
}

/** The raw names that extended headers set for the next entry. */
interface RawNames {
  path?: Buffer;
  linkpath?: Buffer;
}

/**
 * Called with an entry's position among the tar's entries (meta headers not counted, from 0) and
 * its names decoded from raw bytes. Called only for entries whose names may read differently from
 * node-tar's, before node-tar reads that entry.
 */
export type MemberNamesHandler = (position: number, names: MemberNames) => void;

/**
 * Returns a stream that passes a tar through, with stray link names of empty regular files cleared
 * and names that are not valid UTF-8 replaced by placeholders, which `onNames` receives decoded.
 */
export function clearStrayLinkNames(onNames?: MemberNamesHandler): Transform {
  return new StrayLinkNameFilter(onNames);
}

class StrayLinkNameFilter extends Transform {
  constructor(private readonly onNames?: MemberNamesHandler) {
    super();
  }

  /** The start of a header that the last chunk cut off. */
  private partial: Buffer | undefined;
  /** Bytes of the current body, padding included, still to pass. */
  private bodyLeft = 0;
  private meta: MetaBody | undefined;
  /** The fields that the extended headers read so far set for the next entry. */
  private extended: HeaderData | undefined;
  private global: HeaderData | undefined;
  private rawNames: RawNames = {};
  private entryCount = 0;
  private sawHeader = false;
  /** Set at a header that node-tar cannot decode either: the rest passes unread, for node-tar to reject. */
  private lost = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.lost) return done(null, chunk);
    let offset = 0;
    if (this.partial) {
      offset = this.completeHeader(chunk);
      if (this.partial) return done();
    }
    let passedUpTo = offset;
    while (offset < chunk.length && !this.lost) {
      if (this.bodyLeft > 0) {
        offset += this.passBody(chunk, offset);
        continue;
      }
      if (chunk.length - offset < BLOCK) {
        this.partial = Buffer.from(chunk.subarray(offset));
        break;
      }
      const cleared = this.readHeader(chunk.subarray(offset, offset + BLOCK));
      if (cleared) {
        this.pushBytes(chunk.subarray(passedUpTo, offset));
        this.pushBytes(cleared);
        passedUpTo = offset + BLOCK;
      }
      offset += BLOCK;
    }
    this.pushBytes(chunk.subarray(passedUpTo, this.lost ? chunk.length : offset));
    done();
  }

  /**
   * Adds the start of `chunk` to the header that the last chunk cut off, and passes the header on
   * once it is whole. Returns how many bytes of `chunk` it took.
   */
  private completeHeader(chunk: Buffer): number {
    const partial = this.partial as Buffer;
    const used = Math.min(BLOCK - partial.length, chunk.length);
    const block = Buffer.concat([partial, chunk.subarray(0, used)]);
    if (block.length < BLOCK) {
      this.partial = block;
      return used;
    }
    this.partial = undefined;
    this.pushBytes(this.readHeader(block) ?? block);
    return used;
  }

  private pushBytes(bytes: Buffer): void {
    if (bytes.length > 0) this.push(bytes);
  }

  override _flush(done: TransformCallback): void {
    // node-tar ignores a header cut short at the end of its input, so this stream reports it.
    // A cut run of zero bytes is only short end-of-archive padding.
    const cutHeader = this.partial !== undefined && this.partial.some((byte) => byte !== 0);
    if (this.partial) this.push(this.partial);
    if (!cutHeader) return done();
    // Input shorter than one header was never a tar.
    done(this.sawHeader ? new Error('Truncated input: the archive ends inside a header.') : Object.assign(new Error('unrecognized archive format'), { code: 'TAR_BAD_ARCHIVE' }));
  }

  /** Passes body bytes from `offset` and keeps those of an extended header. Returns how many it passed. */
  private passBody(data: Buffer, offset: number): number {
    const length = Math.min(this.bodyLeft, data.length - offset);
    const meta = this.meta;
    if (meta) {
      const collected = meta.chunks.reduce((sum, part) => sum + part.length, 0);
      const missing = Math.min(length, meta.size - collected);
      if (missing > 0) meta.chunks.push(Buffer.from(data.subarray(offset, offset + missing)));
    }
    this.bodyLeft -= length;
    if (this.bodyLeft === 0 && meta) this.applyMeta(meta);
    return length;
  }

  /**
   * Reads one header block: notes its body, and returns a copy with the link name cleared when it
   * is an empty regular file with a stray link name. Returns `undefined` when the block stays.
   */
  private readHeader(block: Buffer): Buffer | undefined {
    this.sawHeader = true;
    const type = String.fromCharCode(block[TYPE_FIELD]);
    // Extended headers and base-256 sizes go through node-tar's own decoding. Most headers have
    // neither, and reading their octal size here costs less than decoding the whole header.
    const decoded = this.extended || this.global || (block[SIZE_FIELD] & 0x80) !== 0;
    const size = decoded ? this.decodedSize(block) : octalSize(block);
    if (size === undefined) {
      this.lost = true;
      return undefined;
    }
    this.bodyLeft = BLOCK * Math.ceil(size / BLOCK);
    if (META_TYPES.has(type)) {
      this.meta = size > 0 && size <= MAX_META_BYTES ? { type, size, chunks: [] } : undefined;
      return undefined;
    }
    const strayLink = FILE_TYPES.has(type) && size === 0 && block[LINK_NAME_FIELD] !== 0 && this.extended?.linkpath === undefined;
    const rawNames = this.rawNames;
    this.meta = undefined;
    this.extended = undefined;
    this.rawNames = {};
    const cleared = strayLink && this.decodedSize(block) === 0 ? withoutLinkName(block) : undefined;
    return this.readNames(cleared ?? block, type, rawNames) ?? cleared;
  }

  /**
   * Reports the names of an entry header that node-tar may decode differently, and returns a copy
   * with placeholders for names that are not valid UTF-8. Returns `undefined` when the block stays.
   */
  private readNames(block: Buffer, type: string, rawNames: RawNames): Buffer | undefined {
    if (!this.onNames || isNullBlock(block)) return undefined;
    const position = this.entryCount++;
    const path = memberPathBytes(block, rawNames.path);
    const linkpath = LINK_TYPES.has(type) ? (rawNames.linkpath ?? field(block, LINK_NAME_FIELD, LINK_NAME_LENGTH)) : undefined;
    const names: MemberNames = {};
    if (mayNeedDecoding(path)) names.path = decodeMemberName(path);
    if (linkpath && mayNeedDecoding(linkpath)) names.linkpath = decodeMemberName(linkpath);
    if (names.path === undefined && names.linkpath === undefined) return undefined;
    this.onNames(position, names);
    const placeholders = { path: !isUtf8(path), linkpath: linkpath !== undefined && !isUtf8(linkpath) };
    if (!placeholders.path && !placeholders.linkpath) return undefined;
    return withPlaceholderNames(block, placeholders, path[path.length - 1] === SLASH);
  }

  /** Returns the size node-tar reads from a header, or `undefined` when it rejects the header. */
  private decodedSize(block: Buffer): number | undefined {
    try {
      const header = new Header(block, 0, this.extended, this.global);
      return header.cksumValid ? (header.size ?? 0) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Applies an extended header's body to the next entry, as node-tar does. */
  private applyMeta(meta: MetaBody): void {
    this.meta = undefined;
    const body = Buffer.concat(meta.chunks);
    const text = body.toString('utf8');
    if (meta.type === 'g') this.global = Pax.parse(text, this.global, true);
    else if (meta.type === 'x' || meta.type === 'X') {
      this.extended = Pax.parse(text, this.extended, false);
      this.rawNames = { ...this.rawNames, ...paxNames(body) };
    } else if (meta.type === 'K') {
      this.extended = { ...this.extended, linkpath: text.replace(/\0.*/, '') };
      this.rawNames = { ...this.rawNames, linkpath: withoutTrailingNuls(body) };
    } else {
      this.extended = { ...this.extended, path: text.replace(/\0.*/, '') };
      this.rawNames = { ...this.rawNames, path: withoutTrailingNuls(body) };
    }
  }
}

/** Reads the octal size field of a header as node-tar does: leading spaces, then octal digits. */
function octalSize(block: Buffer): number {
  let index = SIZE_FIELD;
  const end = SIZE_FIELD + 12;
  while (index < end && block[index] === 0x20) index++;
  let size = 0;
  for (; index < end && block[index] >= 0x30 && block[index] <= 0x37; index++) size = size * 8 + (block[index] - 0x30);
  return size;
}

/** Returns a copy of `block` with an empty link name field and the checksum that goes with it. */
function withoutLinkName(block: Buffer): Buffer {
  const copy = Buffer.from(block);
  copy.fill(0, LINK_NAME_FIELD, LINK_NAME_FIELD + LINK_NAME_LENGTH);
  return withChecksum(copy);
}

/**
 * Returns a copy of `block` whose name (and ustar prefix) or link name is an ASCII placeholder.
 * A directory-like name keeps its trailing `/`, since node-tar reads a file entry whose name ends
 * in `/` as a directory.
 */
function withPlaceholderNames(block: Buffer, replace: { path: boolean; linkpath: boolean }, trailingSlash: boolean): Buffer {
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
function field(block: Buffer, start: number, length: number): Buffer {
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
function memberPathBytes(block: Buffer, extendedPath: Buffer | undefined): Buffer {
  const name = extendedPath ?? field(block, 0, NAME_LENGTH);
  if (!hasUstarMagic(block)) return name;
  const prefix = block[LONG_PREFIX_MARK] !== 0 ? field(block, PREFIX_FIELD, 155) : field(block, PREFIX_FIELD, 130);
  return prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), name]) : name;
}

/**
 * Returns the raw `path` and `linkpath` values of a PAX body. It reads records as node-tar does,
 * line by line with the stated length checked, except that the length counts the raw bytes.
 */
function paxNames(body: Buffer): RawNames {
  const names: RawNames = {};
  let start = 0;
  while (start < body.length) {
    const newline = body.indexOf(NEWLINE, start);
    const end = newline === -1 ? body.length : newline;
    const record = body.subarray(start, end);
    start = end + 1;
    const space = record.indexOf(0x20);
    const equals = record.indexOf(0x3d, space + 1);
    if (space <= 0 || equals === -1 || Number.parseInt(record.toString('latin1', 0, space), 10) !== record.length + 1) continue;
    const key = record.toString('latin1', space + 1, equals);
    if (key === 'path' || key === 'linkpath') names[key] = record.subarray(equals + 1);
  }
  return names;
}

/** Returns a GNU long name body without the NULs that end it. */
function withoutTrailingNuls(body: Buffer): Buffer {
  let end = body.length;
  while (end > 0 && body[end - 1] === 0) end--;
  return body.subarray(0, end);
}

/** Returns whether node-tar reads `block` as a null block: all zero, and no checksum. */
function isNullBlock(block: Buffer): boolean {
  for (let index = 0; index < BLOCK; index++) {
    if (block[index] !== 0 && (index < CHECKSUM_FIELD || index >= CHECKSUM_FIELD + CHECKSUM_LENGTH)) return false;
  }
  return Number.isNaN(Number.parseInt(block.toString('latin1', CHECKSUM_FIELD, CHECKSUM_FIELD + CHECKSUM_LENGTH).replace(/\0.*$/s, '').trim(), 8));
}
