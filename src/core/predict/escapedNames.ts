/**
 * Words what a COPY or ADD does with build context names that are not valid UTF-8, which the
 * context shows with `\xhh` for each invalid byte. Builders match wildcards and ignore patterns
 * against the bytes of such names, and they do not agree on copying them, so a step that meets one
 * is at best estimated.
 */
import type { ContextIndex } from '../context/contextIndex';
import { pathAsRunes } from '../context/hostNames';
import type { EscapedComparison } from '../context/sources';
import type { BuilderKind } from '../dockerfile/builders';
import { listed } from './addArchive';

/** The effect of a wildcard source's escaped names on the step: a failure, or a note on an estimated step. */
export type EscapedOutcome = { error: string } | { note: string };

/** Words what the listed paths have in common, for `count` paths. */
function notUtf8(count: number): string {
  const subject = count === 1 ? 'a path with a name that is' : 'paths with names that are';
  return `${subject} not valid UTF-8 (each invalid byte is shown as \\xhh)`;
}

/**
 * Words the outcome of a wildcard source that matched, or would match by the shown text, paths
 * with escaped names. buildah 1.28.2 fails when a wildcard matches such a path, with a message that
 * names the match with U+FFFD for each invalid byte. Recorded for `COPY src/*.txt`,
 * `COPY src/dir?/` and `COPY src/*\/a.txt`, while `COPY sr*\/` over a folder containing such names
 * succeeded. Docker Engine 20.10's classic builder copied the match of `COPY src/*.txt`.
 * NOTE: ADD is assumed to fail as COPY does under buildah, and BuildKit was not tried.
 */
export function escapedWildcardOutcome(source: string, builder: BuilderKind, comparisons: readonly EscapedComparison[]): EscapedOutcome {
  const matched = comparisons.filter((comparison) => comparison.matched).map((comparison) => comparison.path);
  const missed = comparisons.filter((comparison) => !comparison.matched).map((comparison) => comparison.path);
  if (matched.length > 0 && builder === 'buildah') {
    const glob = `/${pathAsRunes(matched[0] as string)}`;
    return {
      error: `"${source}" matches ${listed(matched)}, ${notUtf8(matched.length)}, and buildah 1.28.2 fails on a wildcard match with such a name ` +
        `("copier: get: globs [${glob}] matched nothing"). Rename that name, or copy the folder that holds it without a wildcard. ` +
        'The build fails on this line.',
    };
  }
  const sentences: string[] = [];
  if (matched.length > 0) {
    sentences.push(`"${source}" matches ${listed(matched)}, ${notUtf8(matched.length)}. Docker Engine 20.10's classic builder copies such a match and buildah 1.28.2 fails on it.`);
  }
  if (missed.length > 0) {
    sentences.push(`"${source}" does not match ${listed(missed)}, ${notUtf8(missed.length)}: builders match a wildcard against the bytes of a name, so "?" takes the one byte that \\xhh shows.`);
  }
  sentences.push('Builders were not all tried with such names, so this step is estimated.');
  return { note: sentences.join(' ') };
}

/**
 * Words the ignore-file lines whose decision on escaped names at or below the copied paths is in
 * doubt (see `ContextIndex.ignoreDoubts`), or returns `undefined` when there is none.
 */
export function ignoreDoubtNote(index: ContextIndex, copiedPaths: readonly string[]): string | undefined {
  if (index.ignoreDoubts.size === 0 || !index.ignoreFile) return undefined;
  const doubts = [...index.ignoreDoubts].filter(([path]) => copiedPaths.some((copied) => isAtOrBelow(path, copied)));
  if (doubts.length === 0) return undefined;
  const patterns = [...new Map(doubts.map(([, pattern]) => [pattern.line, pattern])).values()].sort((a, b) => a.line - b.line);
  const lines = patterns.map((pattern) => `line ${pattern.line} "${pattern.pattern}"`).join(', ');
  const paths = doubts.map(([path]) => path);
  const subjectVerb = paths.length === 1 ? 'it is' : 'each is';
  return `${index.ignoreFile} (${lines}) decides on ${listed(paths)}, ${notUtf8(paths.length)}, by the bytes of ${paths.length === 1 ? 'its name' : 'their names'}, as buildah 1.28.2 ` +
    'and the classic builder of Docker Engine 20.10 do: "?" takes one invalid byte. A line holding an invalid byte matches any invalid byte ' +
    'at that place under buildah 1.28.2, and only the same byte under the classic builder. ' +
    `The name as shown would be decided otherwise, and BuildKit was not tried, so whether ${subjectVerb} copied is estimated.`;
}

function isAtOrBelow(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}
