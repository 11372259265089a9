/** The Dockerfile instructions that builders accept, and the suggestion for a misspelt one. */

/** The instructions of the Dockerfile reference, which the parsers of BuildKit and the classic builder accept. */
export const DOCKERFILE_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/**
 * Lists the instructions one edit away from an unknown upper-case keyword: one character
 * inserted, deleted or replaced, or two adjacent characters swapped (`RUNN`, `CPOY`, `WORKDR`).
 */
export function closeInstructions(keyword: string): string[] {
  return [...DOCKERFILE_INSTRUCTIONS].filter((known) => isOneEditApart(keyword, known));
}

/** Returns whether one insertion, deletion or replacement of a character, or one swap of two adjacent characters, turns `a` into `b`. */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  // After the common start, the rest of both words must agree once the one edit is undone.
  if (a.length === b.length) {
    if (a.slice(start + 1) === b.slice(start + 1)) return true;
    return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
  }
  return a.length > b.length ? a.slice(start + 1) === b.slice(start) : a.slice(start) === b.slice(start + 1);
}
