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
 */
import { Transform, type TransformCallback } from 'node:stream';
import { Header, Pax, type HeaderData } from 'tar';

const BLOCK = 512;
const SIZE_FIELD = 124;
const CHECKSUM_FIELD = 148;
const CHECKSUM_LENGTH = 8;
const TYPE_FIELD = 156;
const LINK_NAME_FIELD = 157;
const LINK_NAME_LENGTH = 100;
/** node-tar ignores extended headers larger than this (its `maxMetaEntrySize` default). */
const MAX_META_BYTES = 1024 * 1024;

/** Type flags of the headers whose body describes the next entry, as node-tar reads them. */
const META_TYPES = new Set(['x', 'X', 'g', 'L', 'K', 'N']);
/** Type flags of regular files: `0`, the old NUL flag and `7` (contiguous file). */
const FILE_TYPES = new Set(['0', '\0', '7']);

/** The body of an extended header being read. */
interface MetaBody {
  type: string;
  size: number;
  chunks: Buffer[];
}

/** Returns a stream that passes a tar through, with stray link names of empty regular files cleared. */
export function clearStrayLinkNames(): Transform {
  return new StrayLinkNameFilter();
}

class StrayLinkNameFilter extends Transform {
  /** The start of a header that the last chunk cut off. */
  private partial: Buffer | undefined;
  /** Bytes of the current body, padding included, still to pass. */
  private bodyLeft = 0;
  private meta: MetaBody | undefined;
  /** The fields that the extended headers read so far set for the next entry. */
  private extended: HeaderData | undefined;
  private global: HeaderData | undefined;
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
    // A tar cut inside a header: node-tar reports the truncation.
    if (this.partial) this.push(this.partial);
    done();
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
    this.meta = undefined;
    this.extended = undefined;
    return strayLink && this.decodedSize(block) === 0 ? withoutLinkName(block) : undefined;
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
    const text = Buffer.concat(meta.chunks).toString('utf8');
    if (meta.type === 'g') this.global = Pax.parse(text, this.global, true);
    else if (meta.type === 'x' || meta.type === 'X') this.extended = Pax.parse(text, this.extended, false);
    else if (meta.type === 'K') this.extended = { ...this.extended, linkpath: text.replace(/\0.*/, '') };
    else this.extended = { ...this.extended, path: text.replace(/\0.*/, '') };
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
  copy.fill(0x20, CHECKSUM_FIELD, CHECKSUM_FIELD + CHECKSUM_LENGTH);
  let sum = 0;
  for (const byte of copy) sum += byte;
  copy.write(sum.toString(8).padStart(6, '0') + '\0 ', CHECKSUM_FIELD, 'latin1');
  return copy;
}
