/**
 * The write of one layer tar member, kept small: an image of 200,000 files keeps 200,000 of these
 * for as long as it is shown, so peak memory grows with them. In a heap snapshot of the bench
 * image (`npm run bench`), a plain `WriteEntry` with its origin object and hex digest took 256
 * bytes and this class takes 136. The mode, type, opaque flag and the form of the raw member name
 * share one small integer, and the digest is its 32 bytes in a Latin-1 string. `op`, `certainty`
 * and `origin` come from the prototype.
 */
import type { EntryOrigin, EntryType, WriteEntry } from '../model/layer';

const TYPES: readonly EntryType[] = ['file', 'directory', 'symlink', 'hardlink'];

// Bits 0 to 11 of `bits` are the mode. The flags above them:
const TYPE_SHIFT = 12;
const OPAQUE = 1 << 14;
/** The raw member name ends with `/`. */
const TRAILING_SLASH = 1 << 15;
/** The raw member name starts with `./`. */
const DOT_SLASH = 1 << 16;

export class TarWrite implements WriteEntry {
  private bits: number;
  /** The SHA-256 of the content as 32 Latin-1 characters, or `undefined` before it is read. */
  private digestBytes: string | undefined = undefined;
  /** The raw member name when it is not one of the forms `bits` can name. */
  private readonly otherName: string | undefined;
  linkTarget: string | undefined = undefined;

  /**
   * `path` is the normalised image path of the member, `rawName` its name as the tar stores it.
   * `mode` is the permission and special bits only.
   */
  constructor(
    readonly path: string,
    type: EntryType,
    readonly size: number,
    mode: number,
    readonly uid: number | null,
    readonly gid: number | null,
    rawName: string,
  ) {
    this.bits = (mode & 0o7777) | (TYPES.indexOf(type) << TYPE_SHIFT);
    const form = nameForm(rawName, path);
    if (form === undefined) this.otherName = rawName;
    else this.bits |= form;
  }

  get op(): 'write' {
    return 'write';
  }

  get certainty(): 'exact' {
    return 'exact';
  }

  get type(): EntryType {
    return TYPES[(this.bits >> TYPE_SHIFT) & 3];
  }

  get mode(): number {
    return this.bits & 0o7777;
  }

  get opaque(): boolean | undefined {
    return (this.bits & OPAQUE) !== 0 ? true : undefined;
  }

  set opaque(value: boolean | undefined) {
    this.bits = value ? this.bits | OPAQUE : this.bits & ~OPAQUE;
  }

  /** Hex SHA-256 of the content; `undefined` for empty files, links and directories. */
  get digest(): string | undefined {
    return this.digestBytes === undefined ? undefined : Buffer.from(this.digestBytes, 'latin1').toString('hex');
  }

  /** Records the content's SHA-256 as Latin-1 characters (`hash.digest().toString('latin1')`). */
  setDigestBytes(bytes: string): void {
    this.digestBytes = bytes;
  }

  get origin(): EntryOrigin {
    return { kind: 'layer-tar', name: this.rawName() };
  }

  private rawName(): string {
    if (this.otherName !== undefined) return this.otherName;
    const relative = this.path.slice(1);
    const prefixed = (this.bits & DOT_SLASH) !== 0 ? './' + relative : relative;
    return (this.bits & TRAILING_SLASH) !== 0 ? prefixed + '/' : prefixed;
  }
}

/**
 * Returns the bits that rebuild `rawName` from `path`, or `undefined` when it takes another form.
 * Keeping the raw name itself would keep node-tar's whole header field alive behind it, because
 * V8 makes the name a slice of that field.
 */
function nameForm(rawName: string, path: string): number | undefined {
  let start = 0;
  let end = rawName.length;
  let form = 0;
  if (rawName.startsWith('./')) {
    start = 2;
    form |= DOT_SLASH;
  }
  if (end > start && rawName.endsWith('/')) {
    end--;
    form |= TRAILING_SLASH;
  }
  const relativeLength = path.length - 1;
  if (end - start !== relativeLength || !rawName.startsWith(path.slice(1), start)) return undefined;
  return form;
}

/** Copies any write into a plain object, for code that spreads or edits its copy. */
export function plainWrite(entry: WriteEntry): WriteEntry {
  const copy: WriteEntry = {
    op: 'write',
    path: entry.path,
    type: entry.type,
    size: entry.size,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    certainty: entry.certainty,
  };
  if (entry.linkTarget !== undefined) copy.linkTarget = entry.linkTarget;
  if (entry.opaque) copy.opaque = true;
  if (entry.digest !== undefined) copy.digest = entry.digest;
  if (entry.origin !== undefined) copy.origin = entry.origin;
  return copy;
}
