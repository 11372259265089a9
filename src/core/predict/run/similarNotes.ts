/**
 * Merging of a RUN's notes that differ only in the numbers of a quoted path. A loop may name one
 * path per pass (`"/srv/$NAME/p1"`, `"/srv/$NAME/p2"`, ...), and the hover and the text output
 * should then show one note with a count instead of one per pass.
 */

/** A double-quoted value as `JSON.stringify` writes it, escaped quotes included. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * Merges each group of two or more notes that read the same once the digits inside their quoted
 * values are set aside. The group's first note stands for it, naming how many similar paths the
 * others are and quoting the last. Notes keep the order of each group's first note.
 */
export function mergeSimilarNotes(notes: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const note of notes) {
    const key = note.replace(QUOTED, (quoted) => quoted.replace(/\d+/g, '#'));
    const group = groups.get(key);
    if (group) group.push(note);
    else groups.set(key, [note]);
  }
  return [...groups.values()].flatMap((group) => (group.length === 1 ? group : mergedNote(group)));
}

/**
 * Returns the first note of a group with `(and N similar paths, the last "…")` after its first
 * quoted value that differs within the group. A group whose differing values are no paths (a
 * quoted command) stays as it is.
 */
function mergedNote(group: readonly string[]): string[] {
  const first = group[0];
  const last = group[group.length - 1];
  const firstValues = [...first.matchAll(QUOTED)];
  const lastValues = [...last.matchAll(QUOTED)].map((match) => match[0]);
  const position = firstValues.findIndex((match, index) => match[0] !== lastValues[index]);
  if (position < 0 || !firstValues[position][0].includes('/')) return [...group];
  const end = (firstValues[position].index ?? 0) + firstValues[position][0].length;
  const others = group.length - 1;
  const count = `(and ${others} similar ${others === 1 ? 'path' : 'paths'}, the last ${lastValues[position]})`;
  return [`${first.slice(0, end)} ${count}${first.slice(end)}`];
}
