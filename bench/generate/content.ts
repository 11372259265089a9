/** Deterministic file sizes and bodies for the generated inputs: no randomness from the host. */

/** Mixes an integer into a well-spread 32-bit value (the finaliser of MurmurHash3). */
export function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Returns a file size from 512 bytes to about 9.7 KiB, about 5.1 KiB on average. */
export function fileSize(seed: number): number {
  return 512 + (mix(seed) % 9216);
}

const PATTERN_BYTES = 4 * 1024 * 1024;
const ALPHABET = Buffer.from('abcdefghijklmnop');

/**
 * Text of 16 letters drawn by a fixed generator: about 4 bits of entropy a byte, so gzip shrinks
 * it roughly by half, like ordinary binaries and text, and it never repeats within gzip's 32 KiB
 * window.
 */
function buildPattern(): Buffer {
  const pattern = Buffer.alloc(PATTERN_BYTES);
  let state = 12345;
  for (let i = 0; i < PATTERN_BYTES; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    pattern[i] = ALPHABET[state >>> 28];
  }
  return pattern;
}

let pattern: Buffer | undefined;

/** Returns `size` bytes of the pattern starting at a position chosen by `seed` (a view, not a copy). */
export function fileBody(size: number, seed: number): Buffer {
  pattern ??= buildPattern();
  if (size > PATTERN_BYTES) throw new Error(`bench content: ${size} bytes is more than the ${PATTERN_BYTES}-byte pattern.`);
  const start = mix(seed) % (PATTERN_BYTES - size + 1);
  return pattern.subarray(start, start + size);
}
