/**
 * Splits an uncompressed tar stream into headers and bodies in one pass: 512-byte blocks, each
 * header followed by its body padded to a whole block. `TarHeaderDecoder` decodes the headers,
 * and this file hands each entry to the caller and streams its body to it. It reads the input only
 * as fast as the caller consumes the bodies, and hands out the next entry only once the caller
 * has read or skipped the body of the last one and the promise its handler returned settled.
 */
import type { Readable } from 'node:stream';
import { InterruptedReadError, NotTarArchiveError, TarEndMissingError, type ArchiveError } from './errors';
import type { TarEntry } from './tarEntry';
import { describeTarError, TarFault } from './tarErrors';
import { TarHeaderDecoder } from './tarHeaders';
import type { TarEntryNames } from './tarNames';

const BLOCK = 512;

export type TarEntryHandler = (entry: TarEntry, names: TarEntryNames) => void | Promise<void>;

export interface TarFramerOptions {
  label: string;
  corruptAdvice?: string;
  requireEnd?: boolean;
}

/** The body after a header, still being read. */
interface Body {
  /** Bytes of the body still to come, without the padding. */
  left: number;
  /** Bytes of padding up to the next block still to come. */
  padding: number;
  entry?: TarEntry;
  /** The body of an extended header, gathered for the decoder. */
  meta?: { type: string; chunks: Buffer[] };
}

/** An entry whose body was all written, which the reader waits for before the next header. */
interface Closing {
  entry: TarEntry;
  handled: Promise<void> | undefined;
}

export class TarFramer {
  private readonly decoder = new TarHeaderDecoder();
  /** The start of a header that the last chunk cut off. */
  private partial: Buffer | undefined;
  private body: Body | undefined;
  /** The promise the handler of the current entry returned, if it returned one. */
  private handled: Promise<void> | undefined;
  private closing: Closing | undefined;
  /** Set when the current entry holds back a chunk that its consumer has not read yet. */
  private draining: Promise<void> | undefined;
  private entries = 0;
  private lastPath: string | undefined;
  private sawHeader = false;
  /** node-tar counts an archive as a tar once one header and its body were read whole. */
  private sawValidEntry = false;
  /** Whether the last block was a zero block, since a second one in a row ends the archive. */
  private afterNullBlock = false;
  /** Whether any zero block came where a header would be. */
  private sawEnd = false;
  /** Set at the second zero block in a row: node-tar reads nothing after it. */
  private sawEof = false;
  /** Whether every input byte so far is zero: Docker's empty layer is a tar of zero blocks only. */
  private onlyZeros = true;
  private failure: Error | undefined;
  private reject: ((error: Error) => void) | undefined;
  private input: Readable | undefined;

  constructor(
    private readonly onEntry: TarEntryHandler,
    private readonly options: TarFramerOptions,
  ) {}

  /** Reads `input` to its end. Rejects with the first fault, as soon as it comes up. */
  read(input: Readable): Promise<void> {
    this.input = input;
    return new Promise<void>((resolve, reject) => {
      this.reject = reject;
      this.pump(input).then(resolve, (error: unknown) => this.fail(this.inputError(error)));
    });
  }

  /** Stops the reading with `error`: the input is destroyed, and so is the body being read. */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.body?.entry?.destroy(error);
    this.closing?.entry.destroy(error);
    this.input?.destroy();
    this.reject?.(error);
  }

  private async pump(input: Readable): Promise<void> {
    for await (const chunk of input) {
      if (this.failure) return;
      await this.write(chunk as Buffer);
    }
    if (this.failure) return;
    const fault = this.endFault();
    if (fault) this.fail(fault);
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.onlyZeros) this.onlyZeros = isZeros(chunk);
    let offset = 0;
    while (offset < chunk.length && !this.sawEof && !this.failure) {
      offset = this.step(chunk, offset);
      if (this.draining) await this.takeDraining();
      const closed = this.closing && this.close();
      if (closed) await closed;
    }
  }

  /** Reads the header or body bytes at `offset`, and returns the offset after them. */
  private step(chunk: Buffer, offset: number): number {
    if (this.body) return this.readBody(this.body, chunk, offset);
    if (this.partial || chunk.length - offset < BLOCK) return this.gatherHeader(chunk, offset);
    this.readHeader(chunk.subarray(offset, offset + BLOCK));
    return offset + BLOCK;
  }

  /** Adds bytes to a header that a chunk cut off, and reads it once it is whole. */
  private gatherHeader(chunk: Buffer, offset: number): number {
    const bytes = chunk.subarray(offset, offset + BLOCK - (this.partial?.length ?? 0));
    // A copy, because the chunk it comes from is a view of a much larger buffer of the decoder.
    this.partial = this.partial ? Buffer.concat([this.partial, bytes]) : Buffer.from(bytes);
    if (this.partial.length === BLOCK) {
      const block = this.partial;
      this.partial = undefined;
      this.readHeader(block);
    }
    return offset + bytes.length;
  }

  private readHeader(block: Buffer): void {
    this.sawHeader = true;
    let decoded;
    try {
      decoded = this.decoder.decode(block);
    } catch (error) {
      return this.fail(this.describe(error as Error));
    }
    if (decoded.kind === 'null') return this.readNullBlock();
    this.afterNullBlock = false;
    const body: Body = { left: decoded.size, padding: paddingOf(decoded.size) };
    if (decoded.kind === 'meta') body.meta = { type: decoded.type, chunks: [] };
    this.body = body;
    if (decoded.kind === 'entry') {
      body.entry = decoded.entry;
      this.handOut(decoded.entry, decoded.names);
    }
    if (body.left === 0 && body.padding === 0) this.finishBody(body);
  }

  private readNullBlock(): void {
    this.sawEnd = true;
    if (this.afterNullBlock) this.sawEof = true;
    this.afterNullBlock = true;
  }

  /** Calls the handler. A handler that throws or rejects stops the reading. */
  private handOut(entry: TarEntry, names: TarEntryNames): void {
    this.entries++;
    this.lastPath = entry.path;
    entry.onListenerError = (error) => this.fail(error);
    try {
      const result = this.onEntry(entry, names);
      // A handler typed to return nothing may still return a value, such as the entry from `resume()`.
      if (result instanceof Promise) this.handled = result.then(undefined, (error: Error) => this.fail(error));
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private readBody(body: Body, chunk: Buffer, offset: number): number {
    const available = chunk.length - offset;
    const length = Math.min(body.left, available);
    if (length > 0) {
      const bytes = chunk.subarray(offset, offset + length);
      if (body.meta) body.meta.chunks.push(bytes);
      else if (body.entry && !body.entry.write(bytes)) this.draining = body.entry.drained();
      body.left -= length;
    }
    const padding = Math.min(body.padding, available - length);
    body.padding -= padding;
    if (body.left === 0 && body.padding === 0) this.finishBody(body);
    return offset + length + padding;
  }

  private finishBody(body: Body): void {
    this.body = undefined;
    this.sawValidEntry = true;
    if (body.meta) this.decoder.applyMeta(body.meta.type, Buffer.concat(body.meta.chunks));
    if (!body.entry) return;
    body.entry.end();
    this.closing = { entry: body.entry, handled: this.handled };
    this.handled = undefined;
  }

  private takeDraining(): Promise<void> {
    const draining = this.draining as Promise<void>;
    this.draining = undefined;
    return draining;
  }

  /**
   * Returns a promise that resolves once the consumer has seen the end of the last body and its
   * handler settled. Returns `undefined` when both happened already, which saves a turn of the
   * event loop for each of the many entries without a body.
   */
  private close(): Promise<void> | undefined {
    const { entry, handled } = this.closing as Closing;
    this.closing = undefined;
    const finished = entry.finished();
    if (!finished) return handled;
    return handled ? finished.then(() => handled) : finished;
  }

  /** Returns the fault of input that ended where it did, if any. */
  private endFault(): Error | undefined {
    // A cut run of zero bytes is only short end-of-archive padding.
    if (this.partial?.some((byte) => byte !== 0)) {
      // Input shorter than one header was never a tar.
      const fault = this.sawHeader
        ? new TarFault('TAR_BAD_ARCHIVE', 'Truncated input: the archive ends inside a header.')
        : unrecognizedFault();
      return this.describe(fault);
    }
    if (this.body) {
      const missing = this.body.left + this.body.padding;
      return this.describe(new TarFault('TAR_BAD_ARCHIVE', `Truncated input (needed ${missing} more bytes)`));
    }
    // Input of nothing but zero bytes is an empty archive, as Go's archive/tar (Docker's reader) reads it.
    if (!this.sawValidEntry && !this.onlyZeros) {
      return new NotTarArchiveError(this.options.label, undefined, { cause: unrecognizedFault() });
    }
    if (this.options.requireEnd && !this.sawEnd) return new TarEndMissingError(this.options.label, this.lastPath);
    return undefined;
  }

  private describe(error: Error): ArchiveError {
    return describeTarError(error, this.options, { entries: this.entries, lastPath: this.lastPath, cutPath: this.cutPath() });
  }

  /** Names the member an interrupted read stopped inside, when it stopped inside a body. */
  private inputError(error: unknown): Error {
    const cutPath = this.cutPath();
    if (error instanceof InterruptedReadError && cutPath !== undefined) return error.inside(cutPath);
    return error as Error;
  }

  /** The path of the entry whose body the input stopped inside, if it stopped inside one. */
  private cutPath(): string | undefined {
    const body = this.body;
    return body?.entry && body.left > 0 ? body.entry.path : undefined;
  }
}

function unrecognizedFault(): TarFault {
  return new TarFault('TAR_BAD_ARCHIVE', 'Unrecognized archive format');
}

function paddingOf(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function isZeros(chunk: Buffer): boolean {
  for (const byte of chunk) {
    if (byte !== 0) return false;
  }
  return true;
}
