/**
 * A tar entry reader (PAX and GNU long names, base-256 sizes, decoded by node-tar's `Header` and
 * `Pax`). It only reads: nothing is extracted, and each entry's body is streamed to the caller.
 */
import type { Readable } from 'node:stream';
import { NotTarArchiveError } from './errors';
import { detectCompression, peek } from './decompress';
import { abortError } from './tarErrors';
import { TarFramer, type TarEntryHandler } from './tarFramer';

export type { TarEntry } from './tarEntry';
export type { TarEntryHandler } from './tarFramer';
export type { TarEntryNames } from './tarNames';

export interface TarReadOptions {
  /** Name of the input for error messages. */
  label: string;
  /** Advice that ends the message about corrupt tar data ("Copy or save it again." by default). */
  corruptAdvice?: string;
  /**
   * Rejects input that ends without a zero block where a header would be, with a
   * `TarEndMissingError`. Writers close an archive with two such blocks (Go's archive/tar, which
   * `docker save` uses), but one is enough to show that the data did not stop between members.
   */
  requireEnd?: boolean;
  signal?: AbortSignal;
}

/**
 * Calls `onEntry` for every entry of the uncompressed tar `input`, in order, with the raw names
 * that node-tar would cut. The callback must consume or `resume()` the entry's body, because the
 * reader waits for that, and for the promise the callback returns, before the next header.
 * Rejects with an `ArchiveError` for input that is not a tar, is truncated or has a bad header
 * checksum, and with `options.requireEnd`, for input that ends without the end-of-archive block.
 */
export async function readTarEntries(
  input: Readable,
  onEntry: TarEntryHandler,
  options: TarReadOptions,
): Promise<void> {
  const { head, rest } = await peek(input, 4);
  // A stream that is still compressed after decompression is rejected as not a tar.
  const compression = detectCompression(head);
  if (compression !== 'none') {
    rest.destroy();
    throw new NotTarArchiveError(options.label, `after decompression it is still ${compression} data`);
  }
  await readFramed(rest, onEntry, options);
}

async function readFramed(input: Readable, onEntry: TarEntryHandler, options: TarReadOptions): Promise<void> {
  const framer = new TarFramer(onEntry, options);
  const signal = options.signal;
  const abortReason = () => (signal?.reason instanceof Error ? signal.reason : abortError());
  if (signal?.aborted) {
    input.destroy();
    throw abortReason();
  }
  const onAbort = () => framer.fail(abortReason());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await framer.read(input);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
