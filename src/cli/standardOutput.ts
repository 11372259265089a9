/** Standard output of the CLI, which keeps write errors from reaching the commands as exceptions. */
import { finished } from 'node:stream/promises';
import { Writable } from 'node:stream';

/**
 * A stream that forwards writes to `target` and never fails itself, so that a command's writes
 * cannot end the process with an unhandled `error` event.
 *
 * A reader that closes the pipe early (`layer-lens ... | head -1`) is normal: the `EPIPE` that
 * follows ends the output quietly, later writes are dropped, and the command keeps its own exit
 * status. Any other write error, such as `ENOSPC` on a full disk, is kept in `failure` and also
 * drops later writes, so that the caller can report it once.
 */
export class GuardedOutput extends Writable {
  /** Whether `target` is a terminal, read by the commands to choose their JSON indentation. */
  readonly isTTY: boolean;
  /** The first write error other than `EPIPE`, or `undefined` while there is none. */
  failure: NodeJS.ErrnoException | undefined;
  private pipeClosed = false;

  constructor(private readonly target: Writable & { isTTY?: boolean }) {
    super({ decodeStrings: false });
    this.isTTY = target.isTTY === true;
    // A stream emits its write errors as `error` events too, and one without a listener throws.
    target.on('error', (error: NodeJS.ErrnoException) => this.recordError(error));
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.pipeClosed || this.failure !== undefined) return callback();
    this.target.write(chunk, encoding, (error?: Error | null) => {
      if (error) this.recordError(error);
      callback();
    });
  }

  /** Ends the output and waits until `target` has taken every write; resolves to `failure`. */
  async close(): Promise<NodeJS.ErrnoException | undefined> {
    this.end();
    await finished(this);
    return this.failure;
  }

  private recordError(error: NodeJS.ErrnoException): void {
    if (error.code === 'EPIPE') this.pipeClosed = true;
    else this.failure ??= error;
  }
}

/**
 * Describes a write error in the system's words and its code, such as `no space left on device
 * (ENOSPC)`, from Node's message `ENOSPC: no space left on device, write`.
 */
export function describeWriteError(error: NodeJS.ErrnoException): string {
  if (error.code === undefined) return error.message;
  const reason = error.message.replace(`${error.code}: `, '').replace(/, write$/, '');
  return `${reason} (${error.code})`;
}
