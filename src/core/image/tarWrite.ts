/**
 * The write of one layer tar member, kept small: an image of 200,000 files keeps 200,000 of these
 * for as long as it is shown, so peak memory grows with them. In a heap snapshot of the bench
 * image (`npm run bench`), a plain `WriteEntry` with its origin object and hex digest took 256
 * bytes. This class takes 88 bytes plus the digest's 32 bytes in a buffer that the layer's writes
 * share. The mode, type, opaque flag and the form of the raw member name share one small integer.
 * Once a stack has placed the write, its path is read from the tree node. `op`, `certainty` and
 * `origin` come from the prototype.
 */
import type { ChangeKind, EntryOrigin, EntryType, WriteEntry } from '../model/layer';
import type { ClassifiedEntry } from '../model/stack';

const TYPES: readonly EntryType[] = ['file', 'directory', 'symlink', 'hardlink'];

// Bits 0 to 11 of `bits` are the mode. The flags above them:
const TYPE_SHIFT = 12;
const OPAQUE = 1 << 14;
/** The raw member name ends with `/`. */
const TRAILING_SLASH = 1 << 15;
/** The raw member name starts with `./`. */
const DOT_SLASH = 1 << 16;
/**
 * Bits 17 to 30: one more than the stack layer that added the write (`asAddedEntry`), or 0. Bit 31
 * stays clear, so that `bits` remains a small integer that V8 stores in the object itself.
 */
const LAYER_SHIFT = 17;
const LAYER_BITS = (1 << 14) - 1;

/**
 * The storage that the writes of one layer share: their digests, 32 bytes each in blocks of
 * `DIGESTS_PER_BLOCK` (a digest string took 48 bytes), and the raw member names that `TarWrite`
 * cannot rebuild.
 */
export class TarLayerShared {
  private readonly blocks: Buffer[] = [];
  private digestCount = 0;
  readonly otherNames = new Map<TarWrite, string>();

  /** Reserves room for one more digest and returns its slot. */
  reserveDigest(): number {
    const slot = this.digestCount++;
    if (slot % DIGESTS_PER_BLOCK === 0) this.blocks.push(Buffer.alloc(DIGESTS_PER_BLOCK * DIGEST_BYTES));
    return slot;
  }

  setDigest(slot: number, digest: Uint8Array): void {
    this.blocks[Math.floor(slot / DIGESTS_PER_BLOCK)].set(digest, (slot % DIGESTS_PER_BLOCK) * DIGEST_BYTES);
  }

  digestHex(slot: number): string {
    const offset = (slot % DIGESTS_PER_BLOCK) * DIGEST_BYTES;
    return this.blocks[Math.floor(slot / DIGESTS_PER_BLOCK)].toString('hex', offset, offset + DIGEST_BYTES);
  }
}

const DIGEST_BYTES = 32;
/** 64 KiB blocks: few enough objects, and little unused room in a small layer's last block. */
const DIGESTS_PER_BLOCK = 2048;
/** `digestSlot` of a write whose content has no digest yet. */
const NO_DIGEST = -1;

export class TarWrite implements WriteEntry {
  private bits: number;
  /** The path as a string until a stack places the write, then the tree node that spells it. */
  private place: string | { readonly path: string };
  private digestSlot = NO_DIGEST;
  linkTarget: string | undefined = undefined;

  /**
   * `path` is the normalised image path of the member, `rawName` its name as the tar stores it.
   * `mode` is the permission and special bits only.
   */
  constructor(
    private readonly shared: TarLayerShared,
    path: string,
    type: EntryType,
    readonly size: number,
    mode: number,
    readonly uid: number | null,
    readonly gid: number | null,
    rawName: string,
  ) {
    this.place = path;
    this.bits = (mode & 0o7777) | (TYPES.indexOf(type) << TYPE_SHIFT);
    const form = nameForm(rawName, path);
    if (form === undefined) shared.otherNames.set(this, rawName);
    else this.bits |= form;
  }

  get op(): 'write' {
    return 'write';
  }

  /**
   * Makes the write its own classified entry, added by layer `layer`: the object per added path
   * that the stack would make took 8 MiB of heap on the bench image (`npm run bench`). Only
   * a stack that owns the writes may call it (`placeWrites`), since the write then belongs to it.
   */
  asAddedEntry(layer: number): ClassifiedEntry | undefined {
    if (layer + 1 > LAYER_BITS) return undefined;
    this.bits = (this.bits & ~(LAYER_BITS << LAYER_SHIFT)) | ((layer + 1) << LAYER_SHIFT);
    return this;
  }

  /** As a classified entry: the entry itself. */
  get entry(): this {
    return this;
  }

  /** As a classified entry, which only `asAddedEntry` makes it. */
  get change(): ChangeKind {
    return 'added';
  }

  /** As a classified entry: the layer that added it, or -1 before `asAddedEntry`. */
  get layer(): number {
    return ((this.bits >> LAYER_SHIFT) & LAYER_BITS) - 1;
  }

  get certainty(): 'exact' {
    return 'exact';
  }

  get path(): string {
    const place = this.place;
    return typeof place === 'string' ? place : place.path;
  }

  /**
   * Drops the write's own path string for the node a stack placed it at, which spells the same
   * path: the strings took about 7 MB of heap on the bench image. The write keeps the node's
   * tree alive, which is why only a stack made with `placeWrites` calls this.
   */
  placeIn(node: { readonly path: string }): void {
    this.place = node;
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
    return this.digestSlot === NO_DIGEST ? undefined : this.shared.digestHex(this.digestSlot);
  }

  /** Records the content's SHA-256. */
  setDigest(digest: Uint8Array): void {
    if (this.digestSlot === NO_DIGEST) this.digestSlot = this.shared.reserveDigest();
    this.shared.setDigest(this.digestSlot, digest);
  }

  get origin(): EntryOrigin {
    return { kind: 'layer-tar', name: this.rawName() };
  }

  private rawName(): string {
    const others = this.shared.otherNames;
    const other = others.size === 0 ? undefined : others.get(this);
    if (other !== undefined) return other;
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
