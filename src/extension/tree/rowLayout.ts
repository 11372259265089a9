/**
 * How long a row's label may be so that its description stays in sight. VS Code cuts a row at
 * the view's edge, label first and description after it, so a long label hides the size and
 * counts. No `vscode` import, so it runs under plain mocha.
 */

/**
 * Characters a step row shows at the default side bar width of about 260 pixels, counted in label
 * characters. NOTE: this is an estimate from one row in code-server 4.100.3 with the default font
 * (`COPY --from=build… 232 B · 1 ad…`). A wider font or side bar changes it.
 */
export const stepRowCharacters = 30;

/** The shortest label a row keeps, so that it still names its instruction or file. */
export const minLabelLength = 12;

/** Each level of the tree indents a row by 8 pixels (`workbench.tree.indent`), about one character. */
const indentCharacters = 1;

/** VS Code draws a description at 0.9 of the label's font size, after a gap of half a character. */
const descriptionScale = 0.9;

/**
 * Returns how many characters a label at `depth` (0 for a stage, 1 for a step, 2 and more for
 * files) may take so that `facts`, the start of its description, fits after it.
 */
export function labelRoom(facts: string, depth: number): number {
  const row = stepRowCharacters - (depth - 1) * indentCharacters;
  const description = facts === '' ? 0 : Math.ceil(facts.length * descriptionScale + 0.5);
  return Math.max(minLabelLength, row - description);
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
