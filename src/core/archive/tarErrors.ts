/**
 * The faults of tar headers and framing, with node-tar's codes and texts, and their wording as
 * `ArchiveError`s for the user.
 */
import { ArchiveError, NotTarArchiveError, TruncatedTarError } from './errors';

/**
 * A fault that node-tar 7.5's strict parser raises, with its code (`TAR_ENTRY_INVALID` for a bad
 * header, `TAR_BAD_ARCHIVE` for input that is no tar or is cut short) and its text.
 */
export class TarFault extends Error {
  constructor(
    readonly code: string,
    text: string,
    options?: ErrorOptions,
  ) {
    super(`${code}: ${text}`, options);
  }
}

/** The reader's position when a fault came up, for the message. */
export interface TarPosition {
  /** Entries handed to the caller so far. */
  entries: number;
  /** The last entry handed to the caller. */
  lastPath?: string;
  /** The entry whose body the data ended inside, if it did. */
  cutPath?: string;
}

/** Converts a fault of the tar data in `options.label` to an `ArchiveError` for the user. */
export function describeTarError(error: Error, options: { label: string; corruptAdvice?: string }, position: TarPosition): ArchiveError {
  const label = options.label;
  const code = (error as { code?: string }).code;
  const text = error.message.replace(/^TAR_[A-Z_]+: /, '');
  // An unrecognized format, or a bad checksum on the very first header, means the input was never a tar.
  const unrecognized = (code === 'TAR_BAD_ARCHIVE' && /unrecognized/i.test(text))
    || (position.entries === 0 && /checksum/i.test(text));
  if (unrecognized) return new NotTarArchiveError(label, undefined, { cause: error });
  // Other faults of the first header mean the same. A crafted header can have a valid checksum,
  // so the message also names its fault when `headerFault` has words for it.
  if (position.entries === 0 && code === 'TAR_ENTRY_INVALID') {
    const fault = headerFault(text);
    const detail = fault === undefined ? '' : `: ${fault}`;
    return new NotTarArchiveError(label, `its first header is invalid${detail}`, { cause: error });
  }
  if (/truncated|unexpected eof/i.test(text)) {
    return new TruncatedTarError(label, position.cutPath);
  }
  // Past the first member, bad header data means the bytes were damaged, not that this is another format.
  const after = position.lastPath === undefined ? '' : ` after the member ${JSON.stringify(position.lastPath)}`;
  // node-tar's "checksum failure" reads like a failed digest check, so it is named as the header's.
  const fault = /checksum/i.test(text) ? 'a tar header checksum does not match' : text;
  const advice = options.corruptAdvice ?? 'Copy or save it again.';
  return new ArchiveError(`${label} is corrupt: its tar data is invalid${after} (${fault}). ${advice}`, { cause: error });
}

/**
 * Rewords a header fault from the texts of node-tar 7.5 (`large-numbers.js`, `parse.js`). Returns
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

/** Creates the `AbortError` that an aborted read rejects with when its signal gives no reason. */
export function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}
