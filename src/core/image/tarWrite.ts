/**
 * The write of one layer tar member, kept small: an image of 200,000 files keeps 200,000 of these
 * for as long as it is shown, so peak memory grows with them. In a heap snapshot of the bench
 * image (`npm run bench`), a plain `WriteEntry` with its origin object and hex digest took 256
 * bytes. This class takes 56 bytes. The mode, type, opaque flag and the form of the raw member
 * name share one small integer. The writes of one layer with the same owner share one owner
 * object, which leads to the layer's shared storage. That storage keeps the digest and size of
 * each file with content (40 bytes in blocks), the link targets, and the raw member names that
 * the write cannot rebuild. Once a stack has placed the write, its path is read from the tree
 * node. `op`, `certainty` and `origin` come from the prototype.
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
/** Bits 17 to 28: one more than the stack layer that added the write (`asAddedEntry`), or 0. */
const LAYER_SHIFT = 17;
const LAYER_BITS = (1 << 12) - 1;
/**
 * The content's digest is set. Bits 30 and 31 stay clear, so that `bits` remains a small integer,
 * which V8 stores in the object itself, also where it has 31-bit small integers (pointer
 * compression).
 */
const HAS_DIGEST = 1 << 29;

/**
 * The storage that the writes of one layer share. It keeps the digest and size of each file with
 * content in blocks of `SLOTS_PER_BLOCK` slots, where a digest string took 48 bytes and a size
 * field 8 in every write. It also keeps the link targets and the raw member names that `TarWrite`
 * cannot rebuild.
 */
export class TarLayerShared {
  private readonly digestBlocks: Buffer[] = [];
  private readonly sizeBlocks: Float64Array[] = [];
  private slotCount = 0;
  private readonly owners = new Map<string, TarOwner>();
  private lastOwner: TarOwner | undefined;
  readonly otherNames = new Map<TarWrite, string>();
  readonly linkTargets = new Map<TarWrite, string>();

  /** Returns the owner object of `uid` and `gid` that the layer's writes share. */
  ownerOf(uid: number | null, gid: number | null): TarOwner {
    // Tars list the files of one owner together, so most writes have the owner of the last one.
    const last = this.lastOwner;
    if (last !== undefined && last.uid === uid && last.gid === gid) return last;
    const key = `${uid}:${gid}`;
    let owner = this.owners.get(key);
    if (owner === undefined) {
      owner = new TarOwner(this, uid, gid);
      this.owners.set(key, owner);
    }
    this.lastOwner = owner;
    return owner;
  }

  /** Reserves a slot for the digest and size of one more file and returns it. */
  reserveSlot(size: number): number {
    const slot = this.slotCount++;
    const offset = slot % SLOTS_PER_BLOCK;
    if (offset === 0) {
      // One allocation for both columns: the sizes follow the digests.
      const block = Buffer.alloc(SLOTS_PER_BLOCK * (DIGEST_BYTES + SIZE_BYTES));
      this.digestBlocks.push(block);
      this.sizeBlocks.push(new Float64Array(block.buffer, block.byteOffset + SLOTS_PER_BLOCK * DIGEST_BYTES, SLOTS_PER_BLOCK));
    }
    this.sizeBlocks[this.sizeBlocks.length - 1][offset] = size;
    return slot;
  }

  setDigest(slot: number, digest: Uint8Array): void {
    this.digestBlocks[Math.floor(slot / SLOTS_PER_BLOCK)].set(digest, (slot % SLOTS_PER_BLOCK) * DIGEST_BYTES);
  }

  digestHex(slot: number): string {
    const offset = (slot % SLOTS_PER_BLOCK) * DIGEST_BYTES;
    return this.digestBlocks[Math.floor(slot / SLOTS_PER_BLOCK)].toString('hex', offset, offset + DIGEST_BYTES);
  }

  sizeAt(slot: number): number {
    return this.sizeBlocks[Math.floor(slot / SLOTS_PER_BLOCK)][slot % SLOTS_PER_BLOCK];
  }
}

/** An owner (user and group IDs) of writes of one layer, with that layer's shared storage. */
export class TarOwner {
  constructor(
    readonly shared: TarLayerShared,
    readonly uid: number | null,
    readonly gid: number | null,
  ) {}
}

const DIGEST_BYTES = 32;
const SIZE_BYTES = 8;
/** 80 KiB blocks: few enough objects, and little unused room in a small layer's last block. */
const SLOTS_PER_BLOCK = 2048;
/** `slot` of a write that has neither a size above 0 nor a digest. */
const NO_SLOT = -1;

export class TarWrite implements WriteEntry {
  private readonly owner: TarOwner;
  private bits: number;
  /** The path as a string until a stack places the write, then the tree node that spells it. */
  private place: string | { readonly path: string };
  private slot: number;

  /**
   * `path` is the normalised image path of the member, `rawName` its name as the tar stores it.
   * `mode` is the permission and special bits only.
   */
  constructor(shared: TarLayerShared, path: string, type: EntryType, size: number, mode: number, uid: number | null, gid: number | null, rawName: string) {
    this.owner = shared.ownerOf(uid, gid);
    this.bits = (mode & 0o7777) | (TYPES.indexOf(type) << TYPE_SHIFT);
    this.place = path;
    this.slot = size === 0 ? NO_SLOT : shared.reserveSlot(size);
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
    return (this.bits & HAS_DIGEST) !== 0 ? this.owner.shared.digestHex(this.slot) : undefined;
  }

  /** Records the content's SHA-256. */
  setDigest(digest: Uint8Array): void {
    if (this.slot === NO_SLOT) this.slot = this.owner.shared.reserveSlot(0);
    this.owner.shared.setDigest(this.slot, digest);
    this.bits |= HAS_DIGEST;
  }

  /** Content bytes; 0 for directories and links. */
  get size(): number {
    return this.slot === NO_SLOT ? 0 : this.owner.shared.sizeAt(this.slot);
  }

  get uid(): number | null {
    return this.owner.uid;
  }

  get gid(): number | null {
    return this.owner.gid;
  }

  get linkTarget(): string | undefined {
    const targets = this.owner.shared.linkTargets;
    return targets.size === 0 ? undefined : targets.get(this);
  }

  set linkTarget(target: string | undefined) {
    if (target === undefined) this.owner.shared.linkTargets.delete(this);
    else this.owner.shared.linkTargets.set(this, target);
  }

  get origin(): EntryOrigin {
    return { kind: 'layer-tar', name: this.rawName() };
  }

  private rawName(): string {
    const others = this.owner.shared.otherNames;
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
