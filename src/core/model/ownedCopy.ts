/**
 * Copies of strings that are kept for long. V8 makes a slice of 13 or more characters a view into
 * the string it was cut from, and the view keeps that whole string alive. A symlink's target is cut
 * from a tar header, and the write keeps it as long as the image is shown. Tree node names, which
 * once kept 8.5 MB of paths alive on an image of 100,000 files with long names (BENCHMARKS.md,
 * seventh round), are now copied into the tree's own bytes.
 */

/** V8's shortest slice that is a view; a shorter slice is already a copy. */
const MIN_VIEW_LENGTH = 13;

/** Characters that the `latin1` encoding keeps as they are. */
const LATIN1_ONLY = /^[\u0000-\u00ff]*$/;

/** Returns `text` with characters of its own, so that it does not keep a longer string alive. */
export function ownedCopy(text: string): string {
  if (text.length < MIN_VIEW_LENGTH) return text;
  // A round trip through bytes makes a new string; `latin1` is exact for these characters and the
  // quickest. JSON keeps any other text exact, unpaired surrogates included.
  if (LATIN1_ONLY.test(text)) return Buffer.from(text, 'latin1').toString('latin1');
  return JSON.parse(JSON.stringify(text)) as string;
}
