/**
 * The error a shell prints when it cannot open the file of a redirect (`> /missing/f`, `< /missing`),
 * worded as BusyBox 1.35 ash, dash 0.5.12 and bash 5.2 print it (checked on each, with standard
 * input from /dev/null as in a build). Each starts with the shell's `$0`: `/bin/sh` for a RUN.
 */
import { baseName, parentPath } from '../../../model/paths';
import type { CommandContext } from '../context';
import type { RunView } from '../view';
import { followLink } from './fsOps';
import { parentFailure, type ErrorReason } from './toolError';
import { programPath, toolFlavor } from './toolFlavor';

export type ShellFlavor = 'busybox' | 'dash' | 'bash' | 'unknown';

/** Returns which shell `context.name` (a path such as `/bin/sh`, or a name that PATH finds) is in the image. */
export function shellFlavor(context: CommandContext): ShellFlavor {
  const flavor = toolFlavor(context);
  if (flavor === 'busybox') return 'busybox';
  if (flavor === 'unknown') return 'unknown';
  const program = programPath(context);
  const name = program === undefined ? undefined : baseName(context.view.resolve(program));
  return name === 'dash' || name === 'bash' ? name : 'unknown';
}

/**
 * Returns the message of a failed redirect to `target` (as written after expansion). `line` is
 * the 1-based line of the command in its script, which dash and bash print: without it their
 * message is `undefined`. An unknown shell gets the plain `$0: target: reason` form.
 */
export function redirectError(shell: string, flavor: ShellFlavor, target: string, reason: ErrorReason, line: number | undefined): string | undefined {
  // dash and BusyBox ash word a missing folder and a file in the path the same way.
  const isFolder = reason === 'Is a directory';
  switch (flavor) {
    case 'busybox':
      return `${shell}: can't create ${target}: ${isFolder ? reason : 'nonexistent directory'}`;
    case 'dash':
      return line === undefined ? undefined : `${shell}: ${line}: cannot create ${target}: ${isFolder ? reason : 'Directory nonexistent'}`;
    case 'bash':
      return line === undefined ? undefined : `${shell}: line ${line}: ${target}: ${reason}`;
    case 'unknown':
      return `${shell}: ${target}: ${reason}`;
  }
}

/**
 * Returns the message of a failed input redirect from `target` (`< /missing`), with `line` as
 * for `redirectError`. dash 0.5.12 and BusyBox 1.35 ash word a missing folder and a file in the
 * path as a missing file.
 */
export function inputRedirectError(shell: string, flavor: ShellFlavor, target: string, reason: ErrorReason, line: number | undefined): string | undefined {
  switch (flavor) {
    case 'busybox':
      return `${shell}: can't open ${target}: no such file`;
    case 'dash':
      return line === undefined ? undefined : `${shell}: ${line}: cannot open ${target}: No such file`;
    case 'bash':
      return line === undefined ? undefined : `${shell}: line ${line}: ${target}: ${reason}`;
    case 'unknown':
      return `${shell}: ${target}: ${reason}`;
  }
}

/**
 * Returns why the shell surely cannot open `target` for reading: it is missing, or a file is in
 * its path. Paths under /dev, /proc and /sys are taken to open, because the runtime mounts them
 * for the build whatever the image holds.
 */
export function missingInput(view: RunView, target: string): ErrorReason | undefined {
  if (/^\/(dev|proc|sys)\//.test(target)) return undefined;
  const path = followLink(view, target);
  if (view.lookup(path).presence !== 'no') return undefined;
  return parentFailure(view, path) === 'Not a directory' ? 'Not a directory' : 'No such file or directory';
}

/**
 * Returns why the shell surely cannot open `target` for writing: a folder there, or its parent
 * missing or not a folder. A target or parent that only the unread base image may hold is taken to open.
 */
export function openFailure(view: RunView, target: string): ErrorReason | undefined {
  const path = followLink(view, target);
  const found = view.lookup(path);
  if (found.presence === 'yes' && found.state?.type === 'directory') return 'Is a directory';
  if (found.presence === 'maybe') return undefined;
  const parent = view.lookup(parentPath(view.resolveParents(path)));
  if (parent.presence === 'maybe' || parent.state?.type === 'directory') return undefined;
  return parentFailure(view, path);
}

/**
 * Returns the error of a word the shell does not expect (`{ a; } >f b`), as BusyBox 1.35 ash,
 * dash 0.5.12 and bash 5.2 print it for `sh -c SCRIPT`, or `undefined` for an unknown shell.
 * bash prints a second line that quotes the script line, left out here.
 */
export function unexpectedWordError(shell: string, flavor: ShellFlavor, line: number, word: string): string | undefined {
  switch (flavor) {
    case 'busybox':
      return `${shell}: syntax error: unexpected word`;
    case 'dash':
      return `${shell}: ${line}: Syntax error: word unexpected`;
    case 'bash':
      return `${shell}: -c: line ${line}: syntax error near unexpected token \`${word}'`;
    case 'unknown':
      return undefined;
  }
}

/**
 * Returns the error of expanding the unset variable `name` under `set -u`, as BusyBox 1.35 ash,
 * dash 0.5.12 and bash 5.2 print it (bash also when started as `sh`), or `undefined` where the
 * wording is not known.
 */
export function unsetParameterError(shell: string, flavor: ShellFlavor, line: number | undefined, name: string): string | undefined {
  if (flavor === 'busybox') return `${shell}: ${name}: parameter not set`;
  if (line === undefined) return undefined;
  if (flavor === 'dash') return `${shell}: ${line}: ${name}: parameter not set`;
  return flavor === 'bash' ? `${shell}: line ${line}: ${name}: unbound variable` : undefined;
}

/**
 * Returns an error of a bash 5.2 builtin (`cd: OLDPWD not set`) as bash prints it in a `-c`
 * script: `$0: line N: message`, also where `$0` is `bash` (a nested `bash -c`), as bash 5.2.15
 * wrote to a file. Returns `undefined` where the line is not known.
 */
export function bashBuiltinError(shell: string, line: number | undefined, message: string): string | undefined {
  return line === undefined ? undefined : `${shell}: line ${line}: ${message}`;
}

/**
 * Returns the error of `. FILE` (or `source FILE`, as `builtin` names it) where the shell cannot
 * open FILE for `reason`, as dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash print it for `sh -c
 * SCRIPT`, or `undefined` where the line is not known. dash words every reason as "No such file".
 * BusyBox prints one less than the command's line (`busybox sh -c '. /f'` printed "line 0").
 */
export function sourceError(shell: string, flavor: ShellFlavor, builtin: string, file: string, reason: ErrorReason, line: number | undefined): string | undefined {
  if (line === undefined) return undefined;
  switch (flavor) {
    case 'dash':
      return `${shell}: ${line}: .: cannot open ${file}: No such file`;
    case 'busybox':
      return `${shell}: ${builtin}: line ${line - 1}: can't open '${file}': ${reason}`;
    case 'bash':
      return bashBuiltinError(shell, line, `${file}: ${reason}`);
    case 'unknown':
      return undefined;
  }
}

/** Returns why writing `target` fails where the model can tell: a folder there, or its parent missing or not a folder. */
export function writeFailure(view: RunView, target: string): ErrorReason | undefined {
  const path = followLink(view, target);
  if (view.lookup(path).state?.type === 'directory') return 'Is a directory';
  return parentFailure(view, path);
}
