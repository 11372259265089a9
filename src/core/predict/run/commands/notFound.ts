/**
 * The shell's lookup of a command in PATH, and its error when no program is found: the shell
 * prints it and the command exits with status 127. Worded as BusyBox 1.35 ash, dash 0.5.12 and
 * bash 5.2 print it for `sh -c SCRIPT` with standard input from /dev/null, as in a build.
 */
import { leastCertain } from '../../../model/layer';
import { joinImagePath } from '../../../model/paths';
import { addNote, emptyContent, type CommandContext, type Content, type Failure, type Status } from '../context';
import { lackedByDebianStatic } from './appletLinks';
import { busyboxApplets } from './busyboxApplets';
import type { ShellFlavor } from './shellError';

/**
 * The builtins and keywords of dash, BusyBox ash and bash, which the shell runs without a PATH
 * lookup. A name that only some of the three have is in the list, and `lackedBuiltins` names
 * the shells that lack it.
 */
const builtins = new Set([
  '.', ':', '[', '[[', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'cd', 'chdir', 'command', 'compgen', 'complete',
  'compopt', 'continue', 'coproc', 'declare', 'dirs', 'disown', 'echo', 'enable', 'eval', 'exec', 'exit', 'export', 'false',
  'fc', 'fg', 'function', 'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'logout', 'mapfile', 'popd',
  'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return', 'select', 'set', 'shift', 'shopt', 'source', 'suspend',
  'test', 'time', 'times', 'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);

/** The bash builtins that neither dash 0.5.12 nor Debian's BusyBox 1.35 ash has. */
const bashOnly = ['shopt', 'declare', 'typeset', 'pushd', 'popd', 'mapfile', 'readarray', 'complete', 'compgen', 'enable', 'builtin', 'caller', 'disown', 'bind'];

/**
 * The names of `builtins` that a shell lacks, so it looks them up in PATH like any command.
 * Measured with `SHELL -c NAME` and a PATH of one empty folder: each fails with status 127.
 * BusyBox ash has `source` and `let` there. Names not measured stay builtins of every flavor.
 */
const lackedBuiltins: Partial<Record<ShellFlavor, ReadonlySet<string>>> = {
  dash: new Set([...bashOnly, 'source', 'let']),
  busybox: new Set(bashOnly),
};

/** Returns whether the shell of `flavor` runs `name` itself, without a PATH lookup. */
function isBuiltin(name: string, flavor: ShellFlavor): boolean {
  return builtins.has(name) && !(lackedBuiltins[flavor]?.has(name) ?? false);
}

/**
 * The result of a PATH lookup that finds nothing: `missing` when the shell surely prints "not
 * found", `applet` when only a BusyBox applet of that name could still run.
 */
type MissingProgram = 'missing' | 'applet';

/**
 * Returns `missing` when the shell (of `flavor`) surely finds no program for `context.name` in
 * the folders of PATH, `applet` when only a BusyBox applet could run it, or `undefined` when it
 * may find one. Only a path the stage surely lacks counts, so an unread base image, or a layer
 * since it whose files are not all listed, finds every command. So does a command after one
 * that wrote files the prediction cannot list (the layer's floor is `unknown`), because an
 * unmodelled `make install` may have put the program there.
 * NOTE: a command run by its path (`./build.sh`) is not checked, so a missing script is taken to run.
 */
function missingProgram(context: CommandContext, flavor: ShellFlavor): MissingProgram | undefined {
  const view = context.view;
  if (isBuiltin(context.name, flavor) || context.name.includes('/')) return undefined;
  // An unknown shell may be zsh or ksh, whose builtins the list lacks, or a BusyBox the prediction cannot tell.
  if (flavor === 'unknown' || context.report.floor === 'unknown') return undefined;
  // bash reads functions from BASH_ENV and from exported functions before the script runs.
  if (flavor === 'bash' && [...context.shell.variables.keys()].some((name) => name === 'BASH_ENV' || name.startsWith('BASH_FUNC_'))) return undefined;
  const path = context.shell.variables.get('PATH');
  // An unset PATH makes each shell search its own default folders.
  if (path === undefined || context.shell.unknownVariables.has('PATH')) return undefined;
  const folders = path.split(':');
  // An empty or relative entry searches the working folder, which this check leaves alone.
  if (folders.some((folder) => !folder.startsWith('/'))) return undefined;
  // `resolve` follows a final symlink too, because the shells search on past a link to a missing file.
  if (!folders.every((folder) => view.lookup(view.resolve(joinImagePath(folder, context.name))).presence === 'no')) return undefined;
  return flavor === 'busybox' && busyboxApplets.has(context.name) ? 'applet' : 'missing';
}

/**
 * Returns the result of a command that the shell (of `flavor`, with `$0` `shell`) finds no program
 * for, or `undefined` when it may find one. `line` places the command in its script. The status
 * is certain only where the command surely runs, so a guessed branch makes it a guess. A command
 * that only a BusyBox applet could run gets a note and is taken to run.
 */
export function lookUpCommand(context: CommandContext, flavor: ShellFlavor, shell: string, line: number | undefined): { status: Status; failure: Failure } | undefined {
  const missing = missingProgram(context, flavor);
  if (missing === 'applet') {
    addNote(context.report, appletNote(context.name));
    // Whether it runs depends on the image's BusyBox, which the prediction cannot read: Debian's
    // busybox-static has no `install`, so there the RUN fails with "install: not found".
    if (lackedByDebianStatic(context.name)) context.report.floor = leastCertain(context.report.floor, 'estimated');
  }
  if (missing !== 'missing') return undefined;
  const command = [context.name, ...context.args.map((arg) => arg.value)].join(' ');
  const failure = { command, error: notFoundError(shell, flavor, context.name, line), hint: notFoundHint(context.name, flavor) };
  return { status: { success: false, certain: context.reach === 'exact', code: 127 }, failure };
}

/**
 * Returns the result of `command -v NAME` where the shell (of `flavor`) surely finds no program
 * for `context.name`, or `undefined` where it may find one. It prints nothing and fails with
 * status 127 in dash 0.5.12 and BusyBox 1.35 ash, or 1 in bash 5.2 (also when started as `sh`).
 */
export function missingCommandName(context: CommandContext, flavor: ShellFlavor): { status: Status; failure: Failure; stdout: Content } | undefined {
  if (missingProgram(context, flavor) !== 'missing') return undefined;
  const code = flavor === 'bash' ? 1 : 127;
  const failure = { command: `command -v ${context.name}`, hint: notFoundHint(context.name, flavor) };
  return { status: { success: false, certain: context.reach === 'exact', code }, failure, stdout: emptyContent };
}

/**
 * Returns what `shell` (its `$0`) prints for a command it cannot find. `line` is the 1-based
 * line of the command in its script. dash and bash print it, so without it their message is
 * `undefined`.
 */
function notFoundError(shell: string, flavor: ShellFlavor, name: string, line: number | undefined): string | undefined {
  switch (flavor) {
    case 'busybox':
      return `${shell}: ${name}: not found`;
    case 'dash':
      return line === undefined ? undefined : `${shell}: ${line}: ${name}: not found`;
    case 'bash':
      return line === undefined ? undefined : `${shell}: line ${line}: ${name}: command not found`;
    case 'unknown':
      return undefined;
  }
}

/** Returns the advice on a command that no folder of PATH contains. */
function notFoundHint(name: string, flavor: ShellFlavor): string {
  if (lackedBuiltins[flavor]?.has(name)) {
    return `"${name}" is a bash builtin that this shell lacks, so it looks for a program of that name, and no folder of PATH in this stage contains one. Run the command under bash (\`bash -c '...'\` in the RUN, or a SHELL line where the builder keeps it), or use a POSIX form.`;
  }
  return `No folder of PATH in this stage contains "${name}". Install it in an earlier step, or start the stage from a base image that has it.`;
}

/** Returns the note on a command that only a BusyBox applet of its name could run. */
function appletNote(name: string): string {
  return `No folder of PATH contains "${name}", so this RUN fails with "${name}: not found" unless the image's BusyBox has an applet of that name and runs applets before it searches PATH, as Debian's busybox-static does. The prediction assumes that it runs.`;
}
