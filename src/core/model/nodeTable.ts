/**
 * The nodes of a path tree in columns: a node is an index, and its parent, first child, next
 * sibling and name sit in typed arrays at that index. An image of 200,000 files keeps a node per
 * path for as long as it is shown. As an object with a child map and a name string, a node took
 * about 120 bytes of heap on the bench image (`npm run bench`). Here it takes 30 to 50 bytes
 * outside the V8 heap, depending on how full the doubling columns are, and a lookup makes no
 * garbage.
 */

/** A node of a path tree: its index in the tree's columns, valid for as long as the tree. */
export type NodeId = number;

/** The value of a parent, child or sibling column where there is no such node. */
const NONE = -1;
/** Room for the first nodes. Every column doubles when it is full. */
const INITIAL_NODES = 64;
/** The hash table of (parent, name) doubles before more than this share of its slots is in use. */
const MAX_LOAD = 0.7;

export class NodeTable {
  private count = 0;
  private parents = new Int32Array(INITIAL_NODES);
  private firstChildren = new Int32Array(INITIAL_NODES);
  private nextSiblings = new Int32Array(INITIAL_NODES);
  // Names in Latin-1, one after another in node order: node `id`'s name is the bytes from
  // `nameStarts[id]` to `nameStarts[id + 1]`. A name with a character above U+00FF has no bytes
  // there and sits in `wideNames`. A string per name took 24 to 40 bytes of heap.
  private nameStarts = new Int32Array(INITIAL_NODES + 1);
  private nameBytes = Buffer.alloc(INITIAL_NODES * 16);
  private readonly wideNames = new Map<NodeId, string>();
  // Open addressing with linear probing on (parent, name): each slot contains a node's index plus
  // one, or 0 when the slot is empty. Nodes are never removed, so a probe stops at an empty slot.
  private slots = new Int32Array(INITIAL_NODES * 2);

  /** The number of nodes. */
  get size(): number {
    return this.count;
  }

  /** Adds a node named `name` under `parent` (`undefined` for the root) and returns it. */
  add(parent: NodeId | undefined, name: string): NodeId {
    const id = this.count;
    if (id === this.parents.length) this.growNodes();
    if ((id + 1) / this.slots.length > MAX_LOAD) this.growSlots();
    this.count++;
    this.parents[id] = parent ?? NONE;
    this.firstChildren[id] = NONE;
    this.nextSiblings[id] = NONE;
    this.storeName(id, name);
    if (parent !== undefined) {
      // The new child goes first, so children are listed newest first.
      this.nextSiblings[id] = this.firstChildren[parent];
      this.firstChildren[parent] = id;
    }
    this.insertSlot(id, hashOf(parent ?? NONE, name));
    return id;
  }

  /** Returns the child of `parent` named `name`, or `undefined`. */
  find(parent: NodeId, name: string): NodeId | undefined {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hashOf(parent, name) & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[slot];
      if (stored === 0) return undefined;
      const id = stored - 1;
      if (this.parents[id] === parent && this.hasName(id, name)) return id;
    }
  }

  /** Returns the parent of `id`, or `undefined` for the root. */
  parent(id: NodeId): NodeId | undefined {
    const parent = this.parents[id];
    return parent === NONE ? undefined : parent;
  }

  name(id: NodeId): string {
    const start = this.nameStarts[id];
    const end = this.nameStarts[id + 1];
    if (start === end && this.wideNames.size > 0) return this.wideNames.get(id) ?? '';
    return this.nameBytes.toString('latin1', start, end);
  }

  /**
   * Compares the names of two nodes by UTF-16 code units, as `compareNames` in `stack.ts` compares
   * strings, without making them: a Latin-1 byte is the code unit it stands for.
   */
  compareNames(a: NodeId, b: NodeId): number {
    const wide = this.wideNames;
    if (wide.size > 0 && (wide.has(a) || wide.has(b))) {
      const first = this.name(a);
      const second = this.name(b);
      if (first < second) return -1;
      return first > second ? 1 : 0;
    }
    const bytes = this.nameBytes;
    const startA = this.nameStarts[a];
    const startB = this.nameStarts[b];
    const lengthA = this.nameStarts[a + 1] - startA;
    const lengthB = this.nameStarts[b + 1] - startB;
    const common = Math.min(lengthA, lengthB);
    for (let index = 0; index < common; index++) {
      const difference = bytes[startA + index] - bytes[startB + index];
      if (difference !== 0) return difference;
    }
    return lengthA - lengthB;
  }

  hasChildren(id: NodeId): boolean {
    return this.firstChildren[id] !== NONE;
  }

  /** Lists the children of `id`, newest first. */
  children(id: NodeId): NodeId[] {
    const children: NodeId[] = [];
    for (let child = this.firstChildren[id]; child !== NONE; child = this.nextSiblings[child]) children.push(child);
    return children;
  }

  private hasName(id: NodeId, name: string): boolean {
    const start = this.nameStarts[id];
    const length = this.nameStarts[id + 1] - start;
    if (length === 0 && this.wideNames.size > 0 && this.wideNames.has(id)) return this.wideNames.get(id) === name;
    if (length !== name.length) return false;
    const bytes = this.nameBytes;
    for (let index = 0; index < length; index++) if (bytes[start + index] !== name.charCodeAt(index)) return false;
    return true;
  }

  private storeName(id: NodeId, name: string): void {
    const start = this.nameStarts[id];
    if (!isLatin1(name)) {
      this.wideNames.set(id, name);
      this.nameStarts[id + 1] = start;
      return;
    }
    if (start + name.length > this.nameBytes.length) this.nameBytes = grownBuffer(this.nameBytes, start + name.length);
    this.nameBytes.write(name, start, 'latin1');
    this.nameStarts[id + 1] = start + name.length;
  }

  private insertSlot(id: NodeId, hash: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = id + 1;
  }

  private growNodes(): void {
    const length = this.parents.length * 2;
    this.parents = grown(this.parents, length);
    this.firstChildren = grown(this.firstChildren, length);
    this.nextSiblings = grown(this.nextSiblings, length);
    this.nameStarts = grown(this.nameStarts, length + 1);
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.count; id++) this.insertSlot(id, this.storedHash(id));
  }

  /** Returns `hashOf` of a stored node, read from its bytes without making its name. */
  private storedHash(id: NodeId): number {
    const start = this.nameStarts[id];
    const end = this.nameStarts[id + 1];
    if (start === end && this.wideNames.size > 0 && this.wideNames.has(id)) return hashOf(this.parents[id], this.wideNames.get(id) as string);
    let hash = startHash(this.parents[id]);
    for (let index = start; index < end; index++) hash = addToHash(hash, this.nameBytes[index]);
    return finishHash(hash);
  }
}

/** Returns a copy of `column` with room for `length` items. */
function grown(column: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(length);
  copy.set(column);
  return copy;
}

function grownBuffer(bytes: Buffer<ArrayBuffer>, needed: number): Buffer<ArrayBuffer> {
  const copy = Buffer.alloc(Math.max(needed, bytes.length * 2));
  bytes.copy(copy);
  return copy;
}

/** Hashes a parent and a name with FNV-1a over the UTF-16 code units, as a 32-bit integer. */
function hashOf(parent: number, name: string): number {
  let hash = startHash(parent);
  for (let index = 0; index < name.length; index++) hash = addToHash(hash, name.charCodeAt(index));
  return finishHash(hash);
}

function startHash(parent: number): number {
  return Math.imul(0x811c9dc5 ^ parent, 0x01000193);
}

function addToHash(hash: number, codeUnit: number): number {
  return Math.imul(hash ^ codeUnit, 0x01000193);
}

/** Folds the high bits into the low ones, which pick the slot. */
function finishHash(hash: number): number {
  return (hash ^ (hash >>> 16)) >>> 0;
}

function isLatin1(name: string): boolean {
  for (let index = 0; index < name.length; index++) if (name.charCodeAt(index) > 0xff) return false;
  return true;
}
