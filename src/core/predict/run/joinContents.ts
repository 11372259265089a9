/** Joins the outputs that commands wrote in order into one content. */
import { emptyContent, type Content } from './context';

export function joinContents(contents: Content[]): Content {
  if (contents.length === 0) return emptyContent;
  const known = contents.every((content) => content.known);
  const text = contents.every((content) => content.text !== null) ? contents.map((content) => content.text).join('') : null;
  const sizes = contents.map((content) => content.size);
  const size = sizes.every((value) => value !== null) ? (sizes as number[]).reduce((sum, value) => sum + value, 0) : null;
  const estimated = contents.some((content) => content.estimated === true);
  return { text, size, known, ...(estimated ? { estimated } : {}) };
}
