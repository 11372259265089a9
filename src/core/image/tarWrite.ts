/**
 * The write of one layer tar member, kept small: an image of 200,000 files keeps 200,000 of these
 * for as long as it is shown, so peak memory grows with them. In a heap snapshot of the bench
 * image (`npm run bench`), a plain `WriteEntry` with its origin object and hex digest took 256
 * bytes. This class takes 48 bytes. The writes of one layer with the same owner, mode, type,
 * opaque flag and form of the raw member name share one kind object, which leads to the layer's
 * shared storage. That storage keeps the digest and size of each file with content (40 bytes in
 * blocks), the link targets, and the raw member names that the write cannot rebuild. Once a stack
 * has placed the write, its path is read from the tree node. `op`, `certainty` and `origin` come
 * from the prototype.
 */
import type { ChangeKind, EntryOrigin, EntryType, PathSpeller, WriteEntry } from '../model/layer';
import type { ClassifiedEntry } from '../model/stack';

const TYPES: readonly EntryType[] = ['file', 'directory', 'symlink', 'hardlink'];

// Bits 0 to 11 of a kind's `bits` are the mode. The flags above them:
const TYPE_SHIFT = 12;
const OPAQUE = 1 << 14;
/** The raw member name ends with `/`. */
const TRAILING_SLASH = 1 << 15;
/** The raw member name starts with `./`. */
const DOT_SLASH = 1 << 16;
/** The content's digest is set. */
const HAS_DIGEST = 1 << 17;

// A write's `slotAndLayer` keeps two numbers below bit 30. It remains a small integer, which V8
// stores in the object itself, also where V8 has 31-bit small integers (pointer compression).
// Bits 0 to 22: one more than the write's slot in the digest and size blocks, or 0.
const SLOT_MASK = (1 << 23) - 1;
// Bits 23 to 29: one more than the stack layer that added the write (`asAddedEntry`), or 0.
const LAYER_SHIFT = 23;
const LAYER_MASK = (1 << 7) - 1;

/**
 * The storage that the writes of one layer share. It keeps the digest and size of each file with
 * content in blocks of `SLOTS_PER_BLOCK` slots, where a digest string took 48 bytes and a size
 * field 8 in every write. It also keeps the kinds of its writes, the link targets, and the raw
 * member names that `TarWrite` cannot rebuild.
 */
export class TarLayerShared {
  private readonly digestBlocks: Buffer[] = [];
  private readonly sizeBlocks: Float64Array[] = [];
  private slotCount = 0;
  private readonly kinds = new Map<string, TarWriteKind>();
  private lastKind: TarWriteKind | undefined;
  readonly otherNames = new Map<TarWrite, string>();
  readonly linkTargets = new Map<TarWrite, string>();
  /** The tree of the stack that placed the layer's writes (`TarWrite.placeIn`). */
  placedIn: PathSpeller | undefined = undefined;

  /** Returns the kind of `uid`, `gid` and `bits` that the layer's writes share. */
  kindOf(uid: number | null, gid: number | null, bits: number): TarWriteKind {
    // Tars list the files of one folder together, so most writes have the kind of the last one.
    const last = this.lastKind;
    if (last !== undefined && last.bits === bits && last.uid === uid && last.gid === gid) return last;
    const key = `${uid}:${gid}:${bits}`;
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      kind = new TarWriteKind(this, uid, gid, bits);
      this.kinds.set(key, kind);
    }
    this.lastKind = kind;
    return kind;
  }

  /** Reserves a slot for the digest and size of one more file and returns it. */
  reserveSlot(size: number): number {
    const slot = this.slotCount++;
    if (slot >= SLOT_MASK - 1) throw new RangeError(`Cannot index more than ${SLOT_MASK - 1} files with content in one layer.`);
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

/**
 * The attributes that many writes of one layer share: owner, mode, type, opaque flag, the form of
 * the raw member name and whether the digest is set, with the layer's shared storage.
 */
export class TarWriteKind {
  /** The same kind with the digest set, which every file with content changes to. */
  private digested: TarWriteKind | undefined = undefined;

  constructor(
    readonly shared: TarLayerShared,
    readonly uid: number | null,
    readonly gid: number | null,
    readonly bits: number,
  ) {}

  withDigest(): TarWriteKind {
    if ((this.bits & HAS_DIGEST) !== 0) return this;
    this.digested ??= this.shared.kindOf(this.uid, this.gid, this.bits | HAS_DIGEST);
    return this.digested;
  }
}

const DIGEST_BYTES = 32;
const SIZE_BYTES = 8;
/** 80 KiB blocks: few enough objects, and little unused room in a small layer's last block. */
const SLOTS_PER_BLOCK = 2048;

export class TarWrite implements WriteEntry {
  private kind: TarWriteKind;
  /** The path as a string until a stack places the write, then the node of `shared.placedIn` that spells it. */
  private place: string | number;
  private slotAndLayer: number;

  /**
   * `path` is the normalised image path of the member, `rawName` its name as the tar stores it.
   * `mode` is the permission and special bits only.
   */
  constructor(shared: TarLayerShared, path: string, type: EntryType, size: number, mode: number, uid: number | null, gid: number | null, rawName: string) {
    const form = nameForm(rawName, path);
    this.kind = shared.kindOf(uid, gid, (mode & 0o7777) | (TYPES.indexOf(type) << TYPE_SHIFT) | (form ?? 0));
    this.place = path;
    this.slotAndLayer = size === 0 ? 0 : shared.reserveSlot(size) + 1;
    if (form === undefined) shared.otherNames.set(this, rawName);
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
    // NOTE: a stack layer above 126 gets an object of its own for each write it adds.
    if (layer + 1 > LAYER_MASK) return undefined;
    this.slotAndLayer = (this.slotAndLayer & SLOT_MASK) | ((layer + 1) << LAYER_SHIFT);
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
    return ((this.slotAndLayer >> LAYER_SHIFT) & LAYER_MASK) - 1;
  }

  get certainty(): 'exact' {
    return 'exact';
  }

  get path(): string {
    const place = this.place;
    return typeof place === 'string' ? place : (this.kind.shared.placedIn as PathSpeller).path(place);
  }

  /**
   * Drops the write's own path string for the node of `tree` a stack placed it at, which spells
   * the same path: the strings took about 7 MB of heap on the bench image. The layer's writes then
   * keep the tree alive, which is why only a stack made with `placeWrites` calls this.
   */
  placeIn(tree: PathSpeller, node: number): void {
    const shared = this.kind.shared;
    // The layer's writes share one tree, so a write that a second stack places keeps its node in
    // the first tree, which spells the same path.
    if (shared.placedIn !== undefined && shared.placedIn !== tree) return;
    shared.placedIn = tree;
    this.place = node;
  }

  get type(): EntryType {
    return TYPES[(this.kind.bits >> TYPE_SHIFT) & 3];
  }

  get mode(): number {
    return this.kind.bits & 0o7777;
  }

  get opaque(): boolean | undefined {
    return (this.kind.bits & OPAQUE) !== 0 ? true : undefined;
  }

  set opaque(value: boolean | undefined) {
    const kind = this.kind;
    this.kind = kind.shared.kindOf(kind.uid, kind.gid, value ? kind.bits | OPAQUE : kind.bits & ~OPAQUE);
  }

  /** Hex SHA-256 of the content; `undefined` for empty files, links and directories. */
  get digest(): string | undefined {
    return (this.kind.bits & HAS_DIGEST) !== 0 ? this.kind.shared.digestHex(this.slot()) : undefined;
  }

  /** Records the content's SHA-256. */
  setDigest(digest: Uint8Array): void {
    const shared = this.kind.shared;
    if (this.slot() < 0) this.slotAndLayer |= shared.reserveSlot(0) + 1;
    shared.setDigest(this.slot(), digest);
    this.kind = this.kind.withDigest();
  }

  /** Content bytes; 0 for directories and links. */
  get size(): number {
    const slot = this.slot();
    return slot < 0 ? 0 : this.kind.shared.sizeAt(slot);
  }

  get uid(): number | null {
    return this.kind.uid;
  }

  get gid(): number | null {
    return this.kind.gid;
  }

  get linkTarget(): string | undefined {
    const targets = this.kind.shared.linkTargets;
    return targets.size === 0 ? undefined : targets.get(this);
  }

  set linkTarget(target: string | undefined) {
    if (target === undefined) this.kind.shared.linkTargets.delete(this);
    else this.kind.shared.linkTargets.set(this, target);
  }

  /** Returns the write's slot in the digest and size blocks, or -1 when it has none. */
  private slot(): number {
    return (this.slotAndLayer & SLOT_MASK) - 1;
  }

  get origin(): EntryOrigin {
    return { kind: 'layer-tar', name: this.rawName() };
  }

  private rawName(): string {
    const others = this.kind.shared.otherNames;
    const other = others.size === 0 ? undefined : others.get(this);
    if (other !== undefined) return other;
    const relative = this.path.slice(1);
    const bits = this.kind.bits;
    const prefixed = (bits & DOT_SLASH) !== 0 ? './' + relative : relative;
    return (bits & TRAILING_SLASH) !== 0 ? prefixed + '/' : prefixed;
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
