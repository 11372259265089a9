/**
 * Words the build context sources that Docker Engine 20.10's classic builder finds nothing for,
 * though they name files: a wildcard source that ends in `/`. That builder compares the pattern,
 * trailing `/` and all, with context paths that have none, so no path matches. Recorded for
 * `COPY src/dir?/ /d/` and `COPY sr*\/ /d/`, which failed ("no source files were specified"),
 * while `COPY src/dir? /d/` copied the folder and buildah 1.28.2 copied both forms.
 * NOTE: such a source beside one that matches is assumed to copy nothing while the line builds,
 * as any source that matches nothing does, and ADD is assumed to match as COPY does. Neither was
 * built.
 */
import { hasWildcard } from '../context/goMatch';
import type { BuilderKind } from '../dockerfile/builders';

/** The classic builder's message when no source of a COPY or ADD matches (Docker Engine 20.10). */
export const classicNoSourceMessage = 'no source files were specified';

/** Returns whether the classic builder matches nothing for this context source. */
export function classicMissesSource(builder: BuilderKind, source: string): boolean {
  return builder === 'classic' && source.endsWith('/') && hasWildcard(source);
}

/** Explains why the classic builder matches nothing for such a source, and what to change. */
export function classicWildcardHint(source: string): string {
  return `The classic builder compares a wildcard source with paths that do not end in "/", so "${source}" matches nothing there. Drop the trailing "/" to copy what it names.`;
}
