/**
 * A tar entry reader on top of node-tar's parser (PAX and GNU long names, base-256 sizes). It
 * only reads: nothing is extracted, and each entry's body is streamed to the caller.
 */
import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import { ArchiveError, InterruptedReadError, NotTarArchiveError, TarEndMissingError, TruncatedTarError } from './errors';
import { detectCompression, peek } from './decompress';
import type { MemberNames } from './memberNames';
import { clearStrayLinkNames } from './strayLinkNames';

export type TarEntry = ReadEntry;

/**
 * Raw names that node-tar read differently: it cuts PAX `path` and `linkpath` values at a NUL,
 * so an entry named `bin/a<NUL>b` would be read as `bin/a`. Set only when the raw value differs.
 * Names that are not valid UTF-8 are decoded by the rule in `memberNames.ts`, both here and in
 * the entry's `path` and `linkpath`, which are cut at a NUL as node-tar cuts them.
 */
export interface TarEntryNames {
  path?: string;
  linkpath?: string;
}

export type TarEntryHandler = (entry: TarEntry, names: TarEntryNames) => void | Promise<void>;

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
 * that node-tar cut. The callback must consume or `resume()` the entry's body; the parser waits
 * for it before the next header. Rejects with an `ArchiveError` for input that is not a tar, is
 * truncated or has a bad header checksum, and with `options.requireEnd`, for input that ends
 * without the end-of-archive block.
 */
export async function readTarEntries(
  input: Readable,
  onEntry: TarEntryHandler,
  options: TarReadOptions,
): Promise<void> {
  const { head, rest } = await peek(input, 4);
  // node-tar inflates gzip and zstd input by itself, which would bypass the inflated-size bound.
  // A stream that is still compressed after decompression is therefore rejected as not a tar.
  const compression = detectCompression(head);
  if (compression !== 'none') {
    rest.destroy();
    throw new NotTarArchiveError(options.label, `after decompression it is still ${compression} data`);
  }
  await parse(rest, onEntry, options);
}

function parse(input: Readable, onEntry: TarEntryHandler, options: TarReadOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const parser = new Parser({ strict: true, brotli: false, zstd: false });
    const decodedNames = new Map<number, MemberNames>();
    const filter = clearStrayLinkNames((position, names) => decodedNames.set(position, names));
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      input.unpipe(filter);
      filter.unpipe(parser as unknown as NodeJS.WritableStream);
      input.destroy();
      filter.destroy();
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = () => fail(options.signal?.reason instanceof Error ? options.signal.reason : abortError());
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    let entries = 0;
    let sawEnd = false;
    parser.on('nullBlock', () => {
      sawEnd = true;
    });
    // Docker's empty layer is a tar of zero blocks only, and Go's archive/tar reads zero bytes
    // as an empty archive too, but node-tar calls both an unrecognized format.
    const zeros = watchForZeros(input);
    let emptyArchive = false;
    // The last entry read, to name the member a truncated archive ends in.
    let lastEntry: TarEntry | undefined;
    // The parser emits each extended header's raw text as 'meta' just before the entry it
    // belongs to, so the raw names gathered since the last entry are that entry's.
    let pending: string[] = [];
    parser.on('meta', (text: string) => pending.push(...namesWithNul(text)));
    parser.on('entry', (entry: TarEntry) => {
      lastEntry = entry;
      const names = matchCutNames(pending, entry);
      pending = [];
      // The filter reads each header before the parser does, so the entry's names are in the map.
      const decoded = decodedNames.get(entries);
      if (decoded) {
        decodedNames.delete(entries);
        applyDecodedNames(entry, names, decoded);
      }
      entries++;
      Promise.resolve()
        .then(() => onEntry(entry, names))
        .catch((error: Error) => fail(error));
    });
    parser.on('error', (error: Error) => {
      if (entries === 0 && (error as { code?: string }).code === 'TAR_BAD_ARCHIVE' && zeros.onlyZeros) {
        emptyArchive = true;
        return;
      }
      fail(describeTarError(error, options, entries, lastEntry));
    });
    parser.on('end', () => {
      if (settled) return;
      // node-tar may report the format before the input ends, so the input counts as empty only
      // if it is still all zeros at its end.
      if (emptyArchive && !zeros.onlyZeros) return fail(new NotTarArchiveError(options.label));
      if (options.requireEnd && !sawEnd) return fail(new TarEndMissingError(options.label, lastEntry?.path));
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    input.on('error', (error) => fail(error instanceof InterruptedReadError && lastEntry !== undefined && lastEntry.remain > 0 ? error.inside(lastEntry.path) : error));
    filter.on('error', (error: Error) => fail(describeTarError(error, options, entries, lastEntry)));
    input.pipe(filter).pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/** Tracks whether every byte `input` has passed so far is zero; stops looking at the first other byte. */
function watchForZeros(input: Readable): { onlyZeros: boolean } {
  const state = { onlyZeros: true };
  const onData = (chunk: Buffer) => {
    for (const byte of chunk) {
      if (byte === 0) continue;
      state.onlyZeros = false;
      input.off('data', onData);
      return;
    }
  };
  input.on('data', onData);
  return state;
}

/**
 * Returns the `path` and `linkpath` values of an extended header that hold a NUL. Go's
 * archive/tar, which Docker uses, rejects such a PAX record as an invalid header. A GNU long
 * name (`L` or `K` entry) is ended by NULs, so only a NUL inside it counts.
 */
function namesWithNul(text: string): string[] {
  if (!/^\d+ [^=\n]+=/.test(text)) {
    const name = text.replace(/\0+$/, '');
    return name.includes('\0') ? [name] : [];
  }
  const names: string[] = [];
  for (const record of text.split('\n')) {
    const match = /^\d+ (?:path|linkpath)=(.*)$/s.exec(record);
    if (match && match[1].includes('\0')) names.push(match[1]);
  }
  return names;
}

/** Pairs raw names with the entry's path or link path that node-tar cut from them. */
function matchCutNames(rawNames: string[], entry: TarEntry): TarEntryNames {
  const names: TarEntryNames = {};
  if (!entry.extended) return names;
  for (const raw of rawNames) {
    // The same expression node-tar uses to cut a value at its NUL.
    const cut = raw.replace(/\0.*/, '');
    if (cut === entry.extended.path) names.path = raw;
    else if (cut === entry.extended.linkpath) names.linkpath = raw;
  }
  return names;
}

/** Puts names decoded from raw bytes on the entry, cut at a NUL, and in `names` when they hold one. */
function applyDecodedNames(entry: TarEntry, names: TarEntryNames, decoded: MemberNames): void {
  if (decoded.path !== undefined) {
    entry.path = cutAtNul(decoded.path);
    if (decoded.path !== entry.path) names.path = decoded.path;
  }
  if (decoded.linkpath !== undefined) {
    entry.linkpath = cutAtNul(decoded.linkpath);
    if (decoded.linkpath !== entry.linkpath) names.linkpath = decoded.linkpath;
  }
}

function cutAtNul(name: string): string {
  const nul = name.indexOf('\0');
  return nul === -1 ? name : name.slice(0, nul);
}

function describeTarError(error: Error, options: TarReadOptions, entriesSeen: number, lastEntry: TarEntry | undefined): ArchiveError {
  const label = options.label;
  const code = (error as { code?: string }).code;
  const text = error.message.replace(/^TAR_[A-Z_]+: /, '');
  // A bad checksum on the very first header means the input was never a tar.
  const unrecognized = (code === 'TAR_BAD_ARCHIVE' && /unrecognized/i.test(text)) || (entriesSeen === 0 && /checksum/i.test(text));
  if (unrecognized) return new NotTarArchiveError(label, undefined, { cause: error });
  // Other faults of the first header mean the same. A crafted header can have a valid checksum,
  // so its fault is named when the name adds to that.
  if (entriesSeen === 0 && code === 'TAR_ENTRY_INVALID') {
    const fault = headerFault(text);
    return new NotTarArchiveError(label, `its first header is invalid${fault === undefined ? '' : `: ${fault}`}`, { cause: error });
  }
  if (/truncated|unexpected eof/i.test(text)) {
    // `remain` counts the body bytes the parser has not received yet, so it is set only for an entry cut short.
    return new TruncatedTarError(label, lastEntry !== undefined && lastEntry.remain > 0 ? lastEntry.path : undefined);
  }
  // Past the first member, bad header data means the bytes were damaged, not that this is another format.
  const after = lastEntry === undefined ? '' : ` after the member ${JSON.stringify(lastEntry.path)}`;
  // node-tar's "checksum failure" reads like a failed digest check, so it is named as the header's.
  const fault = /checksum/i.test(text) ? 'a tar header checksum does not match' : text;
  return new ArchiveError(`${label} is corrupt: its tar data is invalid${after} (${fault}). ${options.corruptAdvice ?? 'Copy or save it again.'}`, { cause: error });
}

/**
 * Words a header fault from the texts of node-tar 7.5 (`large-numbers.js`, `parse.js`). Returns
 * `undefined` for a malformed number field ("invalid base256 encoding"), which random bytes
 * usually give, and for any other text. The parser's own text stays in the error's cause.
 */
function headerFault(parserText: string): string | undefined {
  if (/safe integer range/i.test(parserText)) return 'a number in it (a size, time or ID) is larger than 2^53';
  if (/path is required/i.test(parserText)) return 'it has no member name';
  if (/linkpath required/i.test(parserText)) return 'it is a link without a target';
  if (/linkpath forbidden/i.test(parserText)) return 'it gives a link target to a member that is not a link';
  return undefined;
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}
