/** Builds file names that are not valid UTF-8 for the context tests, from latin1 text. */

/** Returns `text` with each character below U+0100 as one byte, so `\xe9` stays byte 0xE9. */
export const raw = (text: string): Buffer => Buffer.from(text, 'latin1');

/** Returns the host path of `relative` (given as latin1 bytes) under `root`, as bytes. */
export const rawHostPath = (root: string, relative: string): Buffer => Buffer.concat([Buffer.from(`${root}/`), raw(relative)]);
