/**
 * Writes a JSON document piece by piece, so that a report of a million paths never exists as one
 * string. The text is the same as `JSON.stringify(value, null, 2)` of the materialised value.
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

/**
 * Writes `value` as indented JSON. Lazy arrays, and the objects that hold them directly, are
 * written item by item; every other value goes through `JSON.stringify` whole.
 */
export async function writeJson(value: unknown, sink: TextSink): Promise<void> {
  const writer = new ChunkedWriter(sink);
  await writeValue(value, 0, writer);
  await writer.flush();
}

class ChunkedWriter {
  private pending = '';

  constructor(private readonly sink: TextSink) {}

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    await this.sink(text);
  }
}

async function writeValue(value: unknown, depth: number, writer: ChunkedWriter): Promise<void> {
  if (value instanceof LazyArray) return writeArray(value, depth, writer);
  if (isPlainObject(value) && Object.values(value).some((field) => field instanceof LazyArray)) return writeObject(value, depth, writer);
  // JSON text never holds a raw newline inside a string, so every newline starts an indented line.
  await writer.write(JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent(depth)));
}

async function writeArray(items: Iterable<unknown>, depth: number, writer: ChunkedWriter): Promise<void> {
  let count = 0;
  for (const item of items) {
    await writer.write((count === 0 ? '[\n' : ',\n') + indent(depth + 1));
    // As in `JSON.stringify`, an array item that has no JSON form is written as null.
    await writeValue(item === undefined || typeof item === 'function' ? null : item, depth + 1, writer);
    count++;
  }
  await writer.write(count === 0 ? '[]' : '\n' + indent(depth) + ']');
}

async function writeObject(object: Record<string, unknown>, depth: number, writer: ChunkedWriter): Promise<void> {
  let count = 0;
  for (const [key, field] of Object.entries(object)) {
    // As in `JSON.stringify`, fields without a JSON form are left out.
    if (field === undefined || typeof field === 'function') continue;
    await writer.write((count === 0 ? '{\n' : ',\n') + indent(depth + 1) + JSON.stringify(key) + ': ');
    await writeValue(field, depth + 1, writer);
    count++;
  }
  await writer.write(count === 0 ? '{}' : '\n' + indent(depth) + '}');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}
