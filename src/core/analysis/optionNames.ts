/**
 * Names the options that chose the build context, the target stage and the named build contexts
 * in the problems about their values. The CLI checks these values before it analyses, so its
 * problems name its flags or no option at all. The extension passes the settings and their values
 * as the user wrote them, so that a problem points at the line of settings.json to fix.
 */
import { UnreadableRootError } from '../context/walk';

/** Each option as a problem names it, with its value, such as `--target "build"`. */
export interface OptionNames {
  /** The option that chose the build context folder; absent when the Dockerfile's folder is the default. */
  context?: string;
  /** The option that chose the target stage. */
  target?: string;
  /** The option that set each named build context, by context name; `--build-context NAME=DIR` when absent. */
  namedContexts?: Readonly<Record<string, string>>;
}

/**
 * Words the error of a build context that cannot be read. Every builder stops before the first
 * step then, so the sources that COPY and ADD read from it are unknown, not missing.
 */
export function unreadableContextMessage(error: unknown, option: string | undefined): string {
  const reason = error instanceof Error ? error.message : String(error);
  const unknown = 'The files that COPY and ADD read from the build context are unknown until it can be read.';
  if (option === undefined) return `${reason} ${unknown}`;
  if (!(error instanceof UnreadableRootError)) return `${option} cannot be read: ${reason} ${unknown}`;
  return `${option} names ${error.root}, which ${error.problem}. Choose an existing folder. ${unknown}`;
}
