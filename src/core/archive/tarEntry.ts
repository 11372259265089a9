/**
 * One tar entry as the tar reader hands it out: its header fields and its body as a small
 * stream. The body is read with `on('data')`/`on('end')`, with `for await`, or skipped with
 * `resume()`. It is a small event emitter, not a Node `Readable` or a Minipass stream, since a
 * layer can contain 100,000 entries.
 */
import { EventEmitter } from 'node:events';

/** The header fields of an entry, as node-tar's `ReadEntry` sets them. */
export interface TarEntryFields {
  path: string;
  linkpath?: string;
  /** node-tar's type name, such as `File`, `Directory` or `SymbolicLink`. */
  type: string;
  /** Body size in bytes. */
  size: number;
  mode?: number;
  uid?: number;
  gid?: number;
}

/** Called when a body no longer holds back the reader: it was read, skipped or destroyed. */
type DrainListener = () => void;

/** The header fields of an entry, as properties of the entry (merged with the class below). */
export interface TarEntry extends TarEntryFields {}

/**
 * An entry and its body. The reader writes body chunks in order with `write`, and waits for
 * `drained()` whenever `write` returns false, so at most one chunk waits here.
 */
export class TarEntry extends EventEmitter {
  private readonly buffered: Buffer[] = [];
  /** `undefined` until a consumer reads or skips the body, as in a Node `Readable`. */
  private flowing: boolean | undefined;
  private ended = false;
  private endEmitted = false;
  private failure: Error | undefined;
  /** The pending `next()` of an async iterator, waiting for a chunk. */
  private waiting: { resolve: (result: IteratorResult<Buffer>) => void; reject: (error: Error) => void } | undefined;
  private onDrain: DrainListener | undefined;
  /**
   * Receives what a `data` or `end` listener throws while the body flows on a later tick, where
   * no caller could catch it. The reader sets it to fail the read.
   */
  onListenerError: ((error: Error) => void) | undefined;

  constructor(fields: TarEntryFields) {
    super();
    Object.assign(this, fields);
  }

  /** Adds a listener. A `data` listener starts the flow unless `pause()` was called, as for a `Readable`. */
  override on(event: string | symbol, listener: (...args: any[]) => void): this {
    super.on(event, listener);
    this.flowOnData(event);
    return this;
  }

  override addListener(event: string | symbol, listener: (...args: any[]) => void): this {
    return this.on(event, listener);
  }

  override prependListener(event: string | symbol, listener: (...args: any[]) => void): this {
    super.prependListener(event, listener);
    this.flowOnData(event);
    return this;
  }

  override once(event: string | symbol, listener: (...args: any[]) => void): this {
    super.once(event, listener);
    this.flowOnData(event);
    return this;
  }

  override prependOnceListener(event: string | symbol, listener: (...args: any[]) => void): this {
    super.prependOnceListener(event, listener);
    this.flowOnData(event);
    return this;
  }

  pause(): this {
    this.flowing = false;
    return this;
  }

  /** Lets the body flow. With no `data` listener, its bytes are dropped. */
  resume(): this {
    this.flowing = true;
    // On the next tick, as a Node `Readable` does, so that a caller can still add its listeners.
    if (this.buffered.length > 0 || this.ended) process.nextTick(() => this.flushCatching());
    return this;
  }

  /** Returns whether the chunk was passed on. When it was not, the reader waits for `drained()`. */
  write(chunk: Buffer): boolean {
    if (this.failure) return true;
    if (this.waiting) {
      this.settleWaiting({ value: chunk, done: false });
      return true;
    }
    if (this.flowing && this.buffered.length === 0) {
      this.emit('data', chunk);
      return true;
    }
    this.buffered.push(chunk);
    return false;
  }

  end(): void {
    this.ended = true;
    if (this.waiting) this.settleWaiting({ value: undefined, done: true });
    else if (this.flowing && this.buffered.length === 0) this.emitEnd();
  }

  /** Fails the body: the consumer gets `error` in its `error` listener or from its iterator. */
  destroy(error: Error): void {
    if (this.failure || this.endEmitted) return;
    this.failure = error;
    this.buffered.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
    if (this.listenerCount('error') > 0) this.emit('error', error);
    this.signalDrain();
  }

  /** Resolves once every chunk written so far was read, or the body failed. */
  drained(): Promise<void> {
    if (this.buffered.length === 0 || this.failure) return Promise.resolve();
    return new Promise((resolve) => {
      this.onDrain = resolve;
    });
  }

  /** Resolves once the consumer has seen the end of the body, or the body failed. */
  finished(): Promise<void> | undefined {
    if (this.endEmitted || this.failure) return undefined;
    return new Promise((resolve) => {
      // A drain before the end only means the consumer caught up, so the wait goes on.
      const check = () => {
        if (this.endEmitted || this.failure) resolve();
        else this.onDrain = check;
      };
      this.onDrain = check;
    });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Buffer> {
    // An iterator pulls chunks one by one, so the body stops flowing by itself.
    if (this.flowing === undefined) this.flowing = false;
    const iterator: AsyncIterableIterator<Buffer> = {
      next: () => this.pull(),
      return: () => {
        // A consumer that stops early skips the rest, so the reader goes on to the next entry.
        this.resume();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private pull(): Promise<IteratorResult<Buffer>> {
    if (this.failure) return Promise.reject(this.failure);
    const chunk = this.buffered.shift();
    if (chunk) {
      if (this.buffered.length === 0) this.signalDrain();
      return Promise.resolve({ value: chunk, done: false });
    }
    if (this.ended) {
      this.emitEnd();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private flowOnData(event: string | symbol): void {
    if (event === 'data' && this.flowing === undefined) this.resume();
  }

  private settleWaiting(result: IteratorResult<Buffer>): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(result);
    if (result.done) this.emitEnd();
  }

  private flushCatching(): void {
    try {
      this.flush();
    } catch (error) {
      if (!this.onListenerError) throw error;
      this.onListenerError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private flush(): void {
    while (this.flowing && this.buffered.length > 0) this.emit('data', this.buffered.shift() as Buffer);
    if (this.buffered.length > 0) return;
    if (this.ended) this.emitEnd();
    else this.signalDrain();
  }

  private emitEnd(): void {
    if (this.endEmitted || this.failure) return;
    this.endEmitted = true;
    this.emit('end');
    this.signalDrain();
  }

  private signalDrain(): void {
    const onDrain = this.onDrain;
    this.onDrain = undefined;
    onDrain?.();
  }
}
