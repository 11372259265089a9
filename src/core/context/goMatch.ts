/**
 * Go's `path/filepath.Match` on a `/`-separated host, which BuildKit uses for COPY and ADD source
 * wildcards. This is not minimatch: `**` is just two stars, `[!a]` is a class of `!` and `a`
 * (only `^` negates), and a class, unlike `*` and `?`, may match a `/`.
 *
 * Go matches UTF-8 bytes and decodes a rune only for `?` and classes, so a `*` can stop in the
 * middle of a multi-byte character. Working on the same bytes keeps even those results equal.
 */

/** The error Go reports as `filepath.ErrBadPattern`. */
export class BadPatternError extends Error {
  constructor(readonly pattern: string) {
    super(`syntax error in pattern "${pattern}"`);
    this.name = 'BadPatternError';
  }
}

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;
const SLASH = 0x2f;
const RUNE_ERROR = 0xfffd;

const encoder = new TextEncoder();

/** Returns whether a COPY source or pattern contains an unescaped `*`, `?` or `[`. */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?' || ch === '[') return true;
  }
  return false;
}

/**
 * Returns whether `name` matches the whole of `pattern`, with the rules of Go's
 * `path/filepath.Match` on Linux. A name given as bytes may be invalid UTF-8, where `?` takes one
 * invalid byte. Throws `BadPatternError` for a malformed pattern, also when the malformed part
 * comes after the point where the name stopped matching.
 */
export function goPathMatch(pattern: string, name: string | Uint8Array): boolean {
  const result = matchBytes(encoder.encode(pattern), typeof name === 'string' ? encoder.encode(name) : name);
  if (result === 'bad') throw new BadPatternError(pattern);
  return result;
}

type Bytes = Uint8Array;
type MatchResult = boolean | 'bad';
/** The rest of the name after a chunk matched, `undefined` when it did not, or `'bad'`. */
type ChunkResult = Bytes | undefined | 'bad';

function matchBytes(patternBytes: Bytes, nameBytes: Bytes): MatchResult {
  let pattern = patternBytes;
  let name = nameBytes;
  nextChunk: while (pattern.length > 0) {
    const scanned = scanChunk(pattern);
    const chunk = scanned.chunk;
    pattern = scanned.rest;
    if (scanned.star && chunk.length === 0) {
      // A trailing star matches the rest of the name unless the rest crosses a `/`.
      return !name.includes(SLASH);
    }

    const atStart = matchChunk(chunk, name);
    // The last chunk must consume the whole name, else a later start position may still match.
    if (atStart instanceof Uint8Array && (atStart.length === 0 || pattern.length > 0)) {
      name = atStart;
      continue;
    }
    if (atStart === 'bad') return 'bad';

    if (scanned.star) {
      // The star takes one more byte each round, but never a `/`.
      for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const shifted = matchChunk(chunk, name.subarray(i + 1));
        if (shifted instanceof Uint8Array) {
          if (pattern.length === 0 && shifted.length > 0) continue;
          name = shifted;
          continue nextChunk;
        }
        if (shifted === 'bad') return 'bad';
      }
    }
    return checkRestIsValid(pattern);
  }
  return name.length === 0;
}

/** Returns false for a failed match unless the unread rest of the pattern is malformed. */
function checkRestIsValid(rest: Bytes): MatchResult {
  let pattern = rest;
  while (pattern.length > 0) {
    const scanned = scanChunk(pattern);
    pattern = scanned.rest;
    if (matchChunk(scanned.chunk, new Uint8Array(0)) === 'bad') return 'bad';
  }
  return false;
}

/** Splits off the leading stars and the following run of non-star operators. */
function scanChunk(pattern: Bytes): { star: boolean; chunk: Bytes; rest: Bytes } {
  let start = 0;
  while (start < pattern.length && pattern[start] === STAR) start++;
  const star = start > 0;
  let inRange = false;
  let i = start;
  for (; i < pattern.length; i++) {
    const byte = pattern[i];
    if (byte === BACKSLASH) {
      // A trailing backslash is reported as malformed by matchChunk.
      if (i + 1 < pattern.length) i++;
    } else if (byte === OPEN_BRACKET) {
      inRange = true;
    } else if (byte === CLOSE_BRACKET) {
      inRange = false;
    } else if (byte === STAR && !inRange) {
      break;
    }
  }
  return { star, chunk: pattern.subarray(start, i), rest: pattern.subarray(i) };
}

/**
 * Matches a chunk of single-character operators against the start of `s`. After the first
 * mismatch it keeps parsing the chunk without reading `s`, as Go does, so that a malformed class
 * later in the chunk is still reported.
 */
function matchChunk(chunkBytes: Bytes, sBytes: Bytes): ChunkResult {
  let chunk = chunkBytes;
  let s = sBytes;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const op = chunk[0];
    if (op === OPEN_BRACKET) {
      let rune = -1;
      if (!failed) {
        const decoded = decodeRune(s);
        rune = decoded.rune;
        s = s.subarray(decoded.size);
      }
      const parsed = matchClass(chunk.subarray(1), rune);
      if (parsed === 'bad') return 'bad';
      chunk = parsed.rest;
      if (!parsed.matched) failed = true;
    } else if (op === QUESTION) {
      if (!failed) {
        if (s[0] === SLASH) failed = true;
        s = s.subarray(decodeRune(s).size);
      }
      chunk = chunk.subarray(1);
    } else {
      if (op === BACKSLASH) {
        chunk = chunk.subarray(1);
        if (chunk.length === 0) return 'bad';
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.subarray(1);
      }
      chunk = chunk.subarray(1);
    }
  }
  return failed ? undefined : s;
}

/** Parses a class after its `[` and tests `rune` against it (-1 tests nothing). */
function matchClass(classBytes: Bytes, rune: number): { matched: boolean; rest: Bytes } | 'bad' {
  let chunk = classBytes;
  const negated = chunk.length > 0 && chunk[0] === CARET;
  if (negated) chunk = chunk.subarray(1);
  let matched = false;
  let ranges = 0;
  for (;;) {
    if (chunk.length > 0 && chunk[0] === CLOSE_BRACKET && ranges > 0) {
      chunk = chunk.subarray(1);
      break;
    }
    const lo = readClassChar(chunk);
    if (lo === 'bad') return 'bad';
    chunk = lo.rest;
    let hi = lo.rune;
    if (chunk[0] === DASH) {
      const upper = readClassChar(chunk.subarray(1));
      if (upper === 'bad') return 'bad';
      chunk = upper.rest;
      hi = upper.rune;
    }
    if (lo.rune <= rune && rune <= hi) matched = true;
    ranges++;
  }
  return { matched: matched !== negated, rest: chunk };
}

/** Reads one possibly escaped class character. A class must not end right after it. */
function readClassChar(chunkBytes: Bytes): { rune: number; rest: Bytes } | 'bad' {
  let chunk = chunkBytes;
  if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === CLOSE_BRACKET) return 'bad';
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) return 'bad';
  }
  const { rune, size } = decodeRune(chunk);
  const rest = chunk.subarray(size);
  if ((rune === RUNE_ERROR && size === 1) || rest.length === 0) return 'bad';
  return { rune, rest };
}

/**
 * Decodes the first UTF-8 sequence like Go's `utf8.DecodeRune`: an invalid or truncated
 * sequence, such as one that starts on a continuation byte, gives U+FFFD of size 1.
 */
function decodeRune(bytes: Bytes): { rune: number; size: number } {
  const lead = bytes[0];
  if (lead === undefined) return { rune: RUNE_ERROR, size: 0 };
  if (lead < 0x80) return { rune: lead, size: 1 };
  const size = sequenceLength(lead);
  if (size === 0 || bytes.length < size) return { rune: RUNE_ERROR, size: 1 };

  let rune = lead & (0xff >> (size + 1));
  for (let i = 1; i < size; i++) {
    const byte = bytes[i] as number;
    if ((byte & 0xc0) !== 0x80) return { rune: RUNE_ERROR, size: 1 };
    rune = (rune << 6) | (byte & 0x3f);
  }
  const minimum = [0, 0, 0x80, 0x800, 0x10000][size] as number;
  const surrogate = rune >= 0xd800 && rune <= 0xdfff;
  if (rune < minimum || rune > 0x10ffff || surrogate) return { rune: RUNE_ERROR, size: 1 };
  return { rune, size };
}

/** Returns the length of the UTF-8 sequence a lead byte starts, or 0 for a byte that starts none. */
function sequenceLength(lead: number): number {
  if (lead >= 0xf5) return 0;
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc2) return 2;
  return 0;
}
