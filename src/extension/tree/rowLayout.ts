/**
 * How long a row's label may be so that its description stays in sight. VS Code cuts a row at
 * the view's edge, label first and description after it, so a long label hides the size and
 * counts. No `vscode` import, so it runs under plain mocha.
 */

/**
 * Width a step row has for its label and description at the default side bar width of about 260
 * pixels, in units of an average lowercase letter. NOTE: an estimate measured in code-server
 * 4.100.3 in Chromium, where a step row had 225 pixels and the UI font (13 px, DejaVu Sans as the
 * fallback of `system-ui`) drew a lowercase letter 7.3 pixels wide, so 30.7 letters. One letter
 * is kept back because the character widths below are rounded. Another font changes it.
 */
export const stepRowCharacters = 29;

/**
 * The fewest characters a label keeps, so that it still names its instruction or file. NOTE: a
 * long description (`size unknown · ~1 · not run`) then still goes past the edge.
 */
export const minLabelLength = 10;

/** Each level of the tree indents a row by 8 pixels (`workbench.tree.indent`), about one character. */
const indentCharacters = 1;

/** VS Code draws a description at 0.9 of the label's font size, after a gap of 0.8 characters. */
const descriptionScale = 0.9;
const descriptionGap = 0.8;

/**
 * Widths of characters relative to an average lowercase letter, measured in the font named
 * above. A capital or a digit is about a fifth wider, `m`, `w` and `_=+~<>` half as wide again,
 * and a space or `.,:;ilI` about half as wide, so an instruction in capitals (`ENV APP_HOME=…`)
 * needs more room than its length suggests.
 */
const narrow = new Set(' .,:;iljI\'|!');
const slim = new Set('ftr()[]/\\-');
const wide = new Set('mwMW_=+~<>@%#&');

function characterWidth(character: string): number {
  if (narrow.has(character)) return 0.55;
  if (slim.has(character)) return 0.7;
  if (wide.has(character)) return 1.5;
  if (/[A-Z0-9]/.test(character)) return 1.2;
  return 1;
}

/** Estimates the width of text in the units of `stepRowCharacters`. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += characterWidth(character);
  return width;
}

/**
 * Returns how many characters of `label`, in a row at `depth` (0 for a stage, 1 for a step, 2
 * and more for files), fit so that `facts`, the start of its description, stays in sight. The
 * count includes the ellipsis that a cut label ends with.
 */
export function labelLength(label: string, facts: string, depth: number): number {
  const row = stepRowCharacters - (depth - 1) * indentCharacters;
  const room = facts === '' ? row : row - textWidth(facts) * descriptionScale - descriptionGap;
  if (textWidth(label) <= room) return label.length;
  let width = 1;
  let length = 0;
  for (const character of label) {
    width += characterWidth(character);
    if (width > room) break;
    length++;
  }
  return Math.min(label.length, Math.max(minLabelLength, length + 1));
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
