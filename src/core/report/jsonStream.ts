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

export interface JsonLayout {
  /** Spaces per nesting level, as the `space` argument of `JSON.stringify` (default 2). With 0 the JSON is compact, without newlines. */
  indent?: number;
}

/**
 * Writes `value` as JSON. Lazy arrays, and the objects that hold them directly, are written item
 * by item; every other value goes through `JSON.stringify` whole.
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

  /** Returns the line break and indentation that start a line at nesting depth `depth`; empty for compact JSON. */
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
  for (const item of items) {
    writer.append((count === 0 ? '[' : ',') + writer.lineStart(depth + 1));
    // As in `JSON.stringify`, an array item that has no JSON form is written as null.
    const value = item === undefined || typeof item === 'function' ? null : item;
    if (value instanceof LazyArray || holdsLazyArray(value)) await writeValue(value, depth + 1, writer);
    else writer.append(plainJson(value, depth + 1, writer));
    if (writer.full) await writer.flush();
    count++;
  }
  writer.append(count === 0 ? '[]' : writer.lineStart(depth) + ']');
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

function holdsLazyArray(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.values(value).some((field) => field instanceof LazyArray);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
