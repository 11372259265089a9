/**
 * Decodes tar headers one 512-byte block at a time, with node-tar's own `Header` and `Pax`
 * classes and the rules of node-tar 7.5's strict `Parser` (`parse.js`, `read-entry.js`). PAX
 * (`x`) and GNU long name (`L`, `K`) headers set fields of the next entry. An invalid header
 * raises the fault that node-tar raises.
 *
 * Three rules differ from node-tar's. First, a global PAX header (`g`) sets nothing, where
 * node-tar applies it to every later entry. Go's archive/tar, which Docker and buildah use,
 * returns it as an entry of its own, so a global `size` record must not hide later members.
 * Second, overlayfs makes whiteouts hard links of one shared inode.
 * Docker's layer export notes the hard link, then turns each whiteout into an empty regular file
 * named `.wh.NAME` without clearing the link name, so a layer that deletes several paths has
 * whiteouts such as `srv/.wh.b` with link name `srv/a` (`test/fixtures/images/shared-whiteouts/`).
 * `docker load` and GNU tar read such an entry as a plain empty file. node-tar rejects it
 * ("linkpath forbidden"), so the link name of an empty regular file is ignored here.
 * NOTE: a stray link name given in a PAX `linkpath` record is not cleared, so the file entry keeps it
 * as its link name (node-tar 7.5 accepts it).
 * Third, names are read from their raw bytes where node-tar's UTF-8 decoding would change them
 * or where it cuts them at a NUL (`tarNames.ts`).
 */
import { isUtf8 } from 'node:buffer';
import { Header, Pax, type HeaderData } from 'tar';
import { decodeMemberName, mayNeedDecoding, type MemberNames } from './memberNames';
import { TarEntry, type TarEntryFields } from './tarEntry';
import { TarFault } from './tarErrors';
import {
  applyDecodedNames,
  field,
  LINK_NAME_FIELD,
  LINK_NAME_LENGTH,
  matchCutNames,
  memberPathBytes,
  namesWithNul,
  paxNames,
  withoutLinkName,
  withoutTrailingNuls,
  withPlaceholderNames,
  type NamesWithNul,
  type RawNames,
  type TarEntryNames,
} from './tarNames';

const TYPE_FIELD = 156;
const SLASH = 0x2f;
/** node-tar ignores extended headers larger than this (its `maxMetaEntrySize` default). */
const MAX_META_BYTES = 1024 * 1024;

/** Type flags of the headers whose body describes the next entry, as node-tar reads them. */
const META_TYPES = new Set(['x', 'X', 'g', 'L', 'K', 'N']);
/** Type flags of regular files: `0`, the old NUL flag and `7` (contiguous file). */
const FILE_TYPES = new Set(['0', '\0', '7']);
/** Type flags of hard links and symlinks, the only entries whose link name node-tar reads. */
const LINK_TYPES = new Set(['1', '2']);
/** The entry types that node-tar's `ReadEntry` passes on. It skips the others (`S`, `V`, `M`...). */
const READ_TYPES = new Set(['File', 'OldFile', 'Link', 'SymbolicLink', 'CharacterDevice', 'BlockDevice', 'Directory', 'FIFO', 'ContiguousFile', 'GNUDumpDir']);
/** The fields of extended headers that node-tar's `ReadEntry` copies onto an entry and that we read. */
const EXTENDED_FIELDS = ['path', 'linkpath', 'size', 'mode', 'uid', 'gid'] as const;

/**
 * The kind of a header block: one of the two zero blocks that end an archive, an extended header
 * whose body (`size` bytes) goes to `applyMeta`, a header whose body is skipped, or an entry.
 * `size` counts the body bytes after the header, without the padding to a whole block.
 */
export type DecodedHeader =
  | { kind: 'null' }
  | { kind: 'meta'; type: string; size: number }
  | { kind: 'skip'; size: number }
  | { kind: 'entry'; entry: TarEntry; names: TarEntryNames; size: number };

const NULL_HEADER: DecodedHeader = { kind: 'null' };

/** The state that headers pass on to the entries after them, and the decoding of one block. */
export class TarHeaderDecoder {
  /** The fields that the extended headers read so far set for the next entry. */
  private extended: HeaderData | undefined;
  private rawNames: RawNames = {};
  /**
   * The last raw `path` and `linkpath` values with a NUL from the extended headers since the last
   * entry. Only the last of each can be the entry's, and keeping every one would let a chain of
   * headers fill the memory.
   */
  private namesWithNul: NamesWithNul = {};

  /** Decodes one header block. Throws a `TarFault` for a header that node-tar rejects. */
  decode(block: Buffer): DecodedHeader {
    const type = String.fromCharCode(block[TYPE_FIELD]);
    let header = this.decodeBlock(block);
    if (header.nullBlock) return NULL_HEADER;
    if (!header.cksumValid) throw new TarFault('TAR_ENTRY_INVALID', 'checksum failure');
    if (META_TYPES.has(type)) {
      checkHeader(header);
      return metaHeader(type, header.size ?? 0);
    }
    const decoded: MemberNames = {};
    const rewritten = this.readRawNames(block, header, type, decoded);
    if (rewritten) header = this.decodeBlock(rewritten);
    checkHeader(header);
    return this.entryHeader(header, decoded);
  }

  /** Applies the body of an extended header to the next entry. A global header (`g`) sets nothing. */
  applyMeta(type: string, body: Buffer): void {
    if (type === 'g') return;
    const text = body.toString('utf8');
    this.namesWithNul = { ...this.namesWithNul, ...namesWithNul(type, text) };
    if (type === 'x' || type === 'X') {
      this.extended = Pax.parse(text, this.extended, false);
      this.rawNames = { ...this.rawNames, ...paxNames(body) };
    } else if (type === 'K') {
      this.extendedFields().linkpath = text.replace(/\0.*/, '');
      this.rawNames = { ...this.rawNames, linkpath: withoutTrailingNuls(body) };
    } else {
      this.extendedFields().path = text.replace(/\0.*/, '');
      this.rawNames = { ...this.rawNames, path: withoutTrailingNuls(body) };
    }
  }

  private extendedFields(): HeaderData {
    this.extended ??= Object.create(null) as HeaderData;
    return this.extended;
  }

  private decodeBlock(block: Buffer): Header {
    try {
      return new Header(block, 0, this.extended);
    } catch (error) {
      throw new TarFault('TAR_ENTRY_INVALID', error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  /**
   * Puts the names of an entry header that node-tar may decode differently in `decoded`. Returns
   * a copy of the block for node-tar to decode instead, without a stray link name and with
   * placeholders for names that are not valid UTF-8, or `undefined` when the block stays.
   */
  private readRawNames(block: Buffer, header: Header, type: string, decoded: MemberNames): Buffer | undefined {
    const strayLink = FILE_TYPES.has(type) && header.size === 0 && block[LINK_NAME_FIELD] !== 0 && this.extended?.linkpath === undefined;
    const cleared = strayLink ? withoutLinkName(block) : undefined;
    const current = cleared ?? block;
    const path = memberPathBytes(current, this.rawNames.path);
    const linkpath = LINK_TYPES.has(type) ? (this.rawNames.linkpath ?? field(current, LINK_NAME_FIELD, LINK_NAME_LENGTH)) : undefined;
    if (mayNeedDecoding(path)) decoded.path = decodeMemberName(path);
    if (linkpath && mayNeedDecoding(linkpath)) decoded.linkpath = decodeMemberName(linkpath);
    if (decoded.path === undefined && decoded.linkpath === undefined) return cleared;
    const placeholders = { path: !isUtf8(path), linkpath: linkpath !== undefined && !isUtf8(linkpath) };
    if (!placeholders.path && !placeholders.linkpath) return cleared;
    return withPlaceholderNames(current, placeholders, path[path.length - 1] === SLASH);
  }

  /** Makes the entry of a checked header. The extended headers before it apply to it alone. */
  private entryHeader(header: Header, decoded: MemberNames): DecodedHeader {
    const extended = this.extended;
    const cutNames = this.namesWithNul;
    this.extended = undefined;
    this.rawNames = {};
    this.namesWithNul = {};
    const size = header.size ?? 0;
    if (!READ_TYPES.has(header.type)) return { kind: 'skip', size };
    const fields = entryFields(header, extended);
    const names = matchCutNames([cutNames.path, cutNames.linkpath].filter((name) => name !== undefined), extended);
    if (decoded.path !== undefined || decoded.linkpath !== undefined) applyDecodedNames(fields, names, decoded);
    return { kind: 'entry', entry: new TarEntry(fields), names, size };
  }
}

/** node-tar reads the body of an extended header only when it is not empty and at most 1 MiB. */
function metaHeader(type: string, size: number): DecodedHeader {
  return size > 0 && size <= MAX_META_BYTES ? { kind: 'meta', type, size } : { kind: 'skip', size };
}

/** Throws the fault that node-tar's parser raises for a header with a valid checksum. */
function checkHeader(header: Header): void {
  if (!header.path) throw new TarFault('TAR_ENTRY_INVALID', 'path is required');
  const link = header.type === 'Link' || header.type === 'SymbolicLink';
  if (link && !header.linkpath) throw new TarFault('TAR_ENTRY_INVALID', 'linkpath required');
  const extendedHeader = header.type === 'ExtendedHeader' || header.type === 'GlobalExtendedHeader';
  if (!link && !extendedHeader && header.linkpath) throw new TarFault('TAR_ENTRY_INVALID', 'linkpath forbidden');
}

/**
 * Returns an entry's fields as node-tar's `ReadEntry` sets them: the header's, with the mode cut
 * to its permission bits, then the extended fields.
 */
function entryFields(header: Header, extended: HeaderData | undefined): TarEntryFields {
  const fields: TarEntryFields = {
    path: header.path ?? '',
    linkpath: header.linkpath || undefined,
    type: header.type,
    size: header.size ?? 0,
    mode: header.mode ? header.mode & 0o7777 : header.mode,
    uid: header.uid,
    gid: header.gid,
  };
  if (extended) copyExtendedFields(fields, extended);
  return fields;
}

function copyExtendedFields(fields: TarEntryFields, source: HeaderData): void {
  for (const key of EXTENDED_FIELDS) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    (fields as unknown as Record<string, unknown>)[key] = value;
  }
}
