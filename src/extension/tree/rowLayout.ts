/**
 * How long a row's label may be so that its description stays in sight. VS Code cuts a row at
 * the view's edge, label first and description after it, so a long label hides the size and
 * counts. No `vscode` import, so it runs under plain mocha.
 */

/**
 * Width a step row has for its label and description at the default side bar width, in units of
 * an average lowercase letter. The workbench of code-server 4.100.3 opens the side bar at the
 * smaller of 300 pixels and a quarter of the window's width, so 300 in a window 1,200 pixels wide
 * or more. NOTE: an estimate measured there in Chromium, where a step row had 225 pixels of the
 * 300 and the UI font (13 px, DejaVu Sans as the fallback of `system-ui`) drew a lowercase letter
 * 7.3 pixels wide, so 30.7 letters. With the widths below, rows of up to 29.8 showed whole and one
 * of 30.8 was cut. Another font, or a narrower window, changes it.
 */
export const stepRowCharacters = 30;

/**
 * The minimum length of a label, so that it still names its history entry or file. NOTE: a long
 * description (`size unknown · ~1 · not run`) then still goes past the edge. An instruction's
 * label has a minimum of its own (see `stepLabel`).
 */
export const minLabelLength = 10;

/** Each level of the tree indents a row by 8 pixels (`workbench.tree.indent`), about one character. */
const indentCharacters = 1;

/** VS Code draws a description at 0.9 of the label's font size, after a gap of 0.8 characters. */
const descriptionScale = 0.9;
const descriptionGap = 0.8;

/**
 * Widths of the printable ASCII characters, from space to `~`, relative to an average lowercase
 * letter, as Chromium's canvas measured them in the font named above (13 px). A capital is up to
 * three quarters wider than a lowercase letter and `i` half as wide, so an instruction in
 * capitals (`ENV APP_HOME=…`) needs more room than its length suggests.
 */
const asciiWidths: readonly number[] = [
  0.56, 0.71, 0.82, 1.49, 1.13, 1.69, 1.38, 0.49, 0.69, 0.69, 0.89, 1.49, 0.56, 0.64, 0.56, 0.6,
  1.13, 1.13, 1.13, 1.13, 1.13, 1.13, 1.13, 1.13, 1.13, 1.13, 0.6, 0.6, 1.49, 1.49, 1.49, 0.94,
  1.78, 1.21, 1.22, 1.24, 1.37, 1.12, 1.02, 1.38, 1.33, 0.52, 0.52, 1.16, 0.99, 1.53, 1.33, 1.4,
  1.07, 1.4, 1.23, 1.13, 1.08, 1.3, 1.21, 1.76, 1.22, 1.08, 1.22, 0.69, 0.6, 0.69, 1.49, 0.89,
  0.89, 1.09, 1.13, 0.98, 1.13, 1.09, 0.62, 1.13, 1.13, 0.49, 0.49, 1.03, 0.49, 1.73, 1.13, 1.09,
  1.13, 1.13, 0.73, 0.92, 0.7, 1.13, 1.05, 1.45, 1.05, 1.05, 0.93, 1.13, 0.6, 1.13, 1.49,
];

/** Widths of the ellipsis of a cut label and the other characters outside ASCII that rows use, and of any other character. */
const ellipsisWidth = 1.78;
const otherWidths = new Map([['…', ellipsisWidth], ['·', 0.56], ['←', 1.49]]);
const unmeasuredWidth = 1.3;

function characterWidth(character: string): number {
  const code = character.charCodeAt(0);
  if (code >= 32 && code < 127) return asciiWidths[code - 32];
  return otherWidths.get(character) ?? unmeasuredWidth;
}

/** Estimates the width of text in the units of `stepRowCharacters`. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += characterWidth(character);
  return width;
}

/**
 * Returns how many characters of `label`, in a row at `depth` (0 for a stage, 1 for a step, 2
 * and more for files), fit so that `facts`, the start of its description, stays in sight, but
 * at least `minimum`. The count includes the ellipsis that a cut label ends with.
 */
export function labelLength(label: string, facts: string, depth: number, minimum = minLabelLength): number {
  const room = labelRoom(facts, depth);
  if (textWidth(label) <= room) return label.length;
  let width = ellipsisWidth;
  let length = 0;
  for (const character of label) {
    width += characterWidth(character);
    if (width > room) break;
    length++;
  }
  return Math.min(label.length, Math.max(minimum, length + 1));
}

/** Returns whether `label`, in a row at `depth`, leaves `facts`, the start of its description, in sight. */
export function fitsBeside(label: string, facts: string, depth: number): boolean {
  return textWidth(label) <= labelRoom(facts, depth);
}

/** Returns the width a label has beside `facts` in a row at `depth`. */
function labelRoom(facts: string, depth: number): number {
  const row = stepRowCharacters - (depth - 1) * indentCharacters;
  return facts === '' ? row : row - textWidth(facts) * descriptionScale - descriptionGap;
}

/** Cuts text to `max` characters after a whole word, with an ellipsis, keeping its start. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  // A cut at a word that gives up more than a third of the room shows less than a cut inside the word.
  const end = space >= (max * 2) / 3 ? space : head.length;
  return `${head.slice(0, end).trimEnd()}…`;
}

/**
 * Cuts text to `max` characters in the middle, with an ellipsis, keeping its start and its end,
 * because the end of a file name (`.json`, `-lock`) distinguishes it from its neighbours.
 */
export function cutInMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.floor((max - 1) / 2);
  const head = max - 1 - tail;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}
