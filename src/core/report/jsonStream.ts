/**
 * Writes a JSON document piece by piece, so that a report of a million paths never exists as one
 * string. The text is the same as `JSON.stringify(value, null, indent)` of the materialised value.
 */

/** An array whose items are produced while it is written. */
export class LazyArray<T> {
  constructor(private readonly source: () => Iterable<T>) {}

  [Symbol.iterator](): Iterator<T> {
    return this.source()[Symbol.iterator]();
  }

  /** Materialises the array; `JSON.stringify` calls this for a lazy array it meets. */
  toJSON(): T[] {
    return [...this];
  }
}

/** Receives text in order; the returned promise settles once the consumer can take more. */
export type TextSink = (text: string) => void | Promise<void>;

/** Text gathered before each call of the sink; large enough to keep the call count low. */
const CHUNK_CHARS = 64 * 1024;
/** Plain array items turned into text by one `JSON.stringify` call. */
const BATCH_ITEMS = 256;

export interface JsonLayout {
  /** Spaces per nesting level, as the `space` argument of `JSON.stringify` (default 2). With 0 the JSON is compact, without newlines. */
  indent?: number;
}

/**
 * Writes `value` as JSON. Lazy arrays, and the objects that hold them directly, are written piece
 * by piece, with the plain items of an array turned into text a batch at a time. Every other value
 * goes through `JSON.stringify` whole.
 */
export async function writeJson(value: unknown, sink: TextSink, layout: JsonLayout = {}): Promise<void> {
  const writer = new ChunkedWriter(sink, layout.indent ?? 2);
  await writeValue(value, 0, writer);
  await writer.flush();
}

class ChunkedWriter {
  private pending = '';
  private readonly indents: string[] = [];

  constructor(private readonly sink: TextSink, readonly indent: number) {}

  /** Returns the line break and indentation that start a line at nesting depth `depth`, or nothing for compact JSON. */
  lineStart(depth: number): string {
    if (this.indent === 0) return '';
    return (this.indents[depth] ??= '\n' + ' '.repeat(this.indent * depth));
  }

  /** Appends text; the caller flushes once `full` is set, so a write needs no promise. */
  append(text: string): void {
    this.pending += text;
  }

  get full(): boolean {
    return this.pending.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    await this.sink(text);
  }
}

// Only lazy values go through the async functions below. A plain item is appended in the loop,
// because an awaited call per item cost about 1 s of CPU time in explain --json on a 100,000-file context.
async function writeValue(value: unknown, depth: number, writer: ChunkedWriter): Promise<void> {
  if (value instanceof LazyArray) return writeArray(value, depth, writer);
  if (holdsLazyArray(value)) return writeObject(value, depth, writer);
  writer.append(plainJson(value, depth, writer));
  if (writer.full) await writer.flush();
}

async function writeArray(items: Iterable<unknown>, depth: number, writer: ChunkedWriter): Promise<void> {
  let count = 0;
  let batch: unknown[] = [];
  for (const item of items) {
    if (!(item instanceof LazyArray) && !holdsLazyArray(item)) {
      batch.push(item);
      if (batch.length < BATCH_ITEMS) continue;
    }
    count = appendBatch(batch, count, depth, writer);
    batch = [];
    if (item instanceof LazyArray || holdsLazyArray(item)) {
      writer.append((count === 0 ? '[' : ',') + writer.lineStart(depth + 1));
      await writeValue(item, depth + 1, writer);
      count++;
    }
    if (writer.full) await writer.flush();
  }
  count = appendBatch(batch, count, depth, writer);
  writer.append(count === 0 ? '[]' : writer.lineStart(depth) + ']');
}

/**
 * Appends plain items of an array at nesting depth `depth`, after `count` items already written,
 * with one `JSON.stringify` call for the batch. Returns the new count.
 */
function appendBatch(batch: unknown[], count: number, depth: number, writer: ChunkedWriter): number {
  if (batch.length === 0) return count;
  // `JSON.stringify` writes an item that has no JSON form (undefined, a function) as null, as an
  // array item must be. The batch's brackets, and the line break before the closing one, are cut.
  const text = plainJson(batch, depth, writer);
  const closing = writer.lineStart(depth).length + 1;
  writer.append((count === 0 ? '[' : ',') + text.slice(1, text.length - closing));
  return count + batch.length;
}

async function writeObject(object: Record<string, unknown>, depth: number, writer: ChunkedWriter): Promise<void> {
  let count = 0;
  for (const [key, field] of Object.entries(object)) {
    // As in `JSON.stringify`, fields without a JSON form are left out.
    if (field === undefined || typeof field === 'function') continue;
    const separator = writer.indent === 0 ? ':' : ': ';
    writer.append((count === 0 ? '{' : ',') + writer.lineStart(depth + 1) + JSON.stringify(key) + separator);
    await writeValue(field, depth + 1, writer);
    count++;
  }
  writer.append(count === 0 ? '{}' : writer.lineStart(depth) + '}');
}

/** Returns `value` as JSON text that starts at nesting depth `depth`. */
function plainJson(value: unknown, depth: number, writer: ChunkedWriter): string {
  if (writer.indent === 0) return JSON.stringify(value);
  const text = JSON.stringify(value, null, writer.indent);
  // JSON text never contains a raw newline inside a string, so every newline starts an indented line.
  return depth === 0 ? text : text.replace(/\n/g, writer.lineStart(depth));
}

/** Returns whether an own field of `value` is a lazy array. A loop, because `Object.values` made an array for each item. */
function holdsLazyArray(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (value[key] instanceof LazyArray && Object.hasOwn(value, key)) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
