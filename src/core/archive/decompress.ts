/**
 * Streaming decompression chosen by magic bytes, never by file name or media type, with a bound
 * on the inflated size so that a small compressed bomb stops with an error instead of running
 * for hours.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import unbzip2 from 'unbzip2-stream';
import { XzReadableStream } from 'xz-decompress';
import { plural } from '../report/format';
import { ArchiveError, InterruptedReadError, messageOf, TruncatedCompressedDataError } from './errors';

export type Compression = 'none' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

export interface DecompressOptions {
  /** Name of the input for error messages (a path, a member, a blob digest). */
  label?: string;
  /** Maximum bytes the decompressed stream may yield; the stream fails past it. */
  maxBytes?: number;
}

/**
 * Default bound on one inflated stream: 64 GiB, larger than any layer we expect to read, small
 * enough to stop a bomb. NOTE: a guessed limit; callers that know better pass `maxBytes`.
 */
export const DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 ** 3;

const MAGIC: Array<{ compression: Exclude<Compression, 'none'>; bytes: number[] }> = [
  { compression: 'gzip', bytes: [0x1f, 0x8b] },
  { compression: 'bzip2', bytes: [0x42, 0x5a, 0x68] },
  { compression: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { compression: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
];

const MAGIC_LENGTH = 6;

/**
 * Output chunk of the gzip decoder. Node's default of 16 KiB costs a round trip to the thread
 * pool per 16 KiB; 256 KiB made inflating a 140 MB layer about 35% faster (`npm run bench`).
 */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

/** Returns the compression whose magic bytes `head` starts with, or `none`. */
export function detectCompression(head: Uint8Array): Compression {
  for (const { compression, bytes } of MAGIC) {
    if (head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte)) return compression;
  }
  return 'none';
}

/**
 * Detects the compression of `input` and returns a stream of its decompressed bytes. Errors of
 * the decoder (a truncated or corrupt stream) and of the size bound surface as `ArchiveError`
 * on the returned stream, naming `options.label`. When the returned stream closes (at its end, on
 * an error or by `destroy`), `input` is destroyed too.
 */
export async function openDecompressed(
  input: Readable,
  options: DecompressOptions = {},
): Promise<{ stream: Readable; compression: Compression }> {
  const label = options.label ?? 'input';
  // An error of the input itself (a closed connection) is not a fault of the data, so it is worded apart.
  let inputError: Error | undefined;
  input.once('error', (error) => (inputError = error));
  const { head, rest } = await peek(input, MAGIC_LENGTH);
  const compression = detectCompression(head);
  let decoded: Readable;
  try {
    decoded = decoderFor(compression, rest, label);
  } catch (error) {
    rest.destroy();
    throw error;
  }
  const limited = decoded.pipe(new ByteLimit(options.maxBytes ?? DEFAULT_MAX_INFLATED_BYTES, label, compression));
  decoded.on('error', (error) => limited.destroy(wrapDecoderError(error, label, compression, inputError)));
  limited.on('close', () => {
    if (!decoded.destroyed) decoded.destroy();
    // A failed or destroyed gzip or zstd decoder only unpipes `rest`, and the xz decoder releases
    // it only when cancelled, so `rest` could stay paused with `input` open. `peek` destroys
    // `input` once `rest` closes, which closes a file under it now instead of at garbage collection.
    if (!rest.destroyed) rest.destroy();
  });
  return { stream: limited, compression };
}

/** Reads at least `count` bytes (fewer at the end) and returns them with a stream of everything. */
export async function peek(input: Readable, count: number): Promise<{ head: Buffer; rest: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let length = 0;
  let finished = false;
  while (length < count) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (finished) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  const rest = Readable.from(replay(), { objectMode: false });
  rest.on('close', () => {
    if (!input.destroyed) input.destroy();
  });
  return { head: head.subarray(0, count), rest };
}

function decoderFor(compression: Compression, source: Readable, label: string): Readable {
  switch (compression) {
    case 'none':
      return source;
    case 'gzip':
      return forward(source, createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }));
    case 'zstd':
      return forward(source, new ZstdTransform());
    case 'bzip2':
      return bzip2Stream(source);
    case 'xz':
      return xzStream(source, label);
  }
}

/** Pipes `source` into `transform` and passes the source's errors on to it. */
function forward(source: Readable, transform: Transform): Transform {
  source.on('error', (error) => transform.destroy(error));
  return source.pipe(transform);
}

/** A Transform around fzstd's push-based streaming decoder. */
class ZstdTransform extends Transform {
  private readonly decoder = new ZstdDecompress((chunk) => this.push(Buffer.from(chunk)));

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

/** unbzip2-stream is an old-style through stream; wrap it so errors reach a modern Readable. */
function bzip2Stream(source: Readable): Readable {
  const decoder = unbzip2();
  const output = new Transform({ transform: (chunk, _encoding, callback) => callback(null, chunk) });
  source.on('error', (error) => output.destroy(error));
  decoder.on('error', (error: Error) => output.destroy(error));
  source.pipe(decoder).pipe(output);
  output.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return output;
}

function xzStream(source: Readable, label: string): Readable {
  try {
    const web = Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>;
    return Readable.fromWeb(new XzReadableStream(web) as unknown as import('node:stream/web').ReadableStream);
  } catch (error) {
    throw new ArchiveError(`${label}: cannot start the xz decoder: ${messageOf(error)}`);
  }
}

/** Words an error of the decoder, or of the input under it when `inputError` is set. */
function wrapDecoderError(error: Error, label: string, compression: Compression, inputError: Error | undefined): Error {
  if (error instanceof InterruptedReadError || error.name === 'AbortError') return error;
  // The input's own error stays the cause even when its source worded it (an engine's timeout is
  // an ArchiveError), so that the tar reader can add the member it stopped in.
  if (inputError !== undefined && (error === inputError || !(error instanceof ArchiveError))) {
    return new InterruptedReadError(label, inputError.message, undefined, { cause: inputError });
  }
  if (error instanceof ArchiveError) return error;
  // zlib fails a stream that ends before its last block with Z_BUF_ERROR, and corrupt data with Z_DATA_ERROR.
  if (compression === 'gzip' && (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') return new TruncatedCompressedDataError(label, compression, error.message);
  const kind = compression === 'none' ? 'the data' : `${compression} data`;
  return new ArchiveError(`${label}: ${kind} is truncated or corrupt (${error.message}).`);
}

/**
 * A stream that inflated past its byte limit. Each caller sets the limit its own way, so the
 * message names no option. `finding` is the message without its last sentence, so that a caller
 * can add one that names its option.
 */
export class InflatedSizeError extends ArchiveError {
  constructor(
    readonly finding: string,
    readonly limit: number,
  ) {
    super(`${finding} Raise the limit only for input you trust.`);
  }
}

/** Passes bytes through and fails once more than `maxBytes` have passed. */
class ByteLimit extends Transform {
  private total = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly label: string,
    private readonly compression: Compression,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) {
      const what = this.compression === 'none' ? 'is larger than' : `inflates (${this.compression}) to more than`;
      const finding = `${this.label} ${what} ${plural(this.maxBytes, 'byte')}, the limit on the uncompressed size of one layer or compressed file, and may be a decompression bomb.`;
      callback(new InflatedSizeError(finding, this.maxBytes));
      return;
    }
    callback(null, chunk);
  }
}
