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

/** Returns the option that set the named build context `name`. */
export function namedContextOption(names: OptionNames | undefined, name: string): string {
  return names?.namedContexts?.[name] ?? `--build-context ${name}=DIR`;
}

/**
 * Words the error of a named build context that cannot be read. docker buildx checks each
 * `--build-context` folder before it sends the build (docker/buildx `build/opt.go`), so the build
 * fails whether or not a step reads the context. It does not fall back to an image of that name.
 */
export function unreadableNamedContextMessage(error: unknown, name: string, option: string): string {
  // NOTE: buildah's handling of a missing --build-context folder is not checked, so the sentence gives docker buildx's.
  const fails = `docker buildx build fails before the first step when a named build context cannot be read, so what COPY --from=${name} copies is unknown.`;
  if (!(error instanceof UnreadableRootError)) return `${option} cannot be read: ${error instanceof Error ? error.message : String(error)} ${fails}`;
  return `${option} names ${error.root}, which ${error.problem}. ${fails} Choose an existing folder.`;
}
