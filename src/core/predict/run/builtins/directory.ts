/** The `cd` and `pwd` builtins, and a pwd program run by its path. */
import { joinImagePath } from '../../../model/paths';
import { bashBuiltinError } from '../commands/shellError';
import { addNote, homeFolder, textContent, type Status } from '../context';
import type { Field } from '../expand';
import { physicalPath } from '../physicalPath';
import { assignVariable, success, type BuiltinContext, type DispatchResult } from './context';

/** `cd [-L|-P] [--] [DIR]`: the last of `-L` and `-P` decides whether symlinks in the path are kept (`-L`, the default) or followed. */
export function runCd(context: BuiltinContext, args: Field[], line: number | undefined): DispatchResult {
  let physical = false;
  let index = 0;
  for (; index < args.length && /^-[LP]+$/.test(args[index].value); index++) physical = args[index].value.endsWith('P');
  if (args[index]?.value === '--') index++;
  const target = args[index];
  if (target?.value === '-' && target.known) return changeToPrevious(context, physical, line);
  return { status: changeDirectory(context, target, physical) };
}

/**
 * `cd -`: goes to `$OLDPWD`, which each cd sets, and prints the folder it reached. Without an
 * OLDPWD, dash 0.5.12 and BusyBox 1.35 ash stay in the folder and print it, and bash 5.2 fails
 * with "cd: OLDPWD not set" and status 1.
 */
function changeToPrevious(context: BuiltinContext, physical: boolean, line: number | undefined): DispatchResult {
  const previous = context.shell.variables.get('OLDPWD');
  const previousKnown = !context.shell.unknownVariables.has('OLDPWD');
  let status: Status;
  if (!previousKnown) status = changeDirectory(context, { value: '$OLDPWD', known: false }, physical);
  else if (previous !== undefined) status = changeDirectory(context, { value: previous, known: true }, physical);
  else {
    const flavor = context.flavor();
    if (flavor === 'bash') {
      context.report.commandError = bashBuiltinError(context.program, line, 'cd: OLDPWD not set');
      return { status: { success: false, certain: true, code: 1 } };
    }
    status = { success: true, certain: flavor !== 'unknown' };
  }
  if (!status.success) return { status };
  return { status, stdout: textContent(context.shell.cwd + '\n', !context.shell.unknownVariables.has('PWD')) };
}

/**
 * `pwd [-L|-P]`: prints `$PWD`, or with `-P` (the last of the two decides) the path with its
 * symlinks followed. `physicalDefault` selects the `-P` form where neither is given. Other
 * options are left to the generic model of a read-only command.
 */
export function runPwd(context: BuiltinContext, args: Field[], physicalDefault = false): DispatchResult | undefined {
  if (!args.every((arg) => /^-[LP]+$/.test(arg.value))) return undefined;
  const physical = args.length > 0 ? args[args.length - 1].value.endsWith('P') : physicalDefault;
  const folder = physical ? physicalPath(context.view, '/', context.shell.cwd) : context.shell.cwd;
  const known = !context.shell.unknownVariables.has('PWD');
  return { status: success, stdout: textContent(folder + '\n', known) };
}

/**
 * Runs a pwd program by its path (`/bin/pwd`), which GNU coreutils 9.1 and BusyBox 1.35 both
 * make print the path with its symlinks followed unless given `-L`. A path the image may lack
 * is left to the models.
 */
export function runPwdProgram(context: BuiltinContext, name: string, args: Field[]): DispatchResult | undefined {
  const view = context.view;
  if (view.lookup(view.resolve(joinImagePath(context.shell.cwd, name))).presence !== 'yes') return undefined;
  return runPwd(context, args, true);
}

function changeDirectory(context: BuiltinContext, target: Field | undefined, physical: boolean): Status {
  const home = homeFolder(context.shell);
  // Each cd that succeeds sets OLDPWD to the PWD it leaves, for `cd -`.
  const left: Field = { value: context.shell.cwd, known: !context.shell.unknownVariables.has('PWD') };
  if (target && !target.known) {
    addNote(context.report, `cd "${target.value}" goes to a folder this prediction cannot know; relative paths after it are guesses.`);
    context.shell.unknownVariables.add('PWD');
    assignVariable(context.shell, 'OLDPWD', left);
    return { success: true, certain: false };
  }
  if (!target && home === undefined) {
    addNote(context.report, "cd without a folder goes to the home folder of the RUN's user, which this prediction does not know; relative paths after it are guesses.");
    context.shell.unknownVariables.add('PWD');
    assignVariable(context.shell, 'OLDPWD', left);
    return { success: true, certain: false };
  }
  const folder = target?.value ?? (home as string);
  // cd sets PWD to the path it went to, with symlinks kept (`cd -L`, the default) or followed (`cd -P`).
  const reached = physical ? physicalPath(context.view, context.shell.cwd, folder) : joinImagePath(context.shell.cwd, folder);
  const found = context.view.lookup(reached);
  if (found.presence === 'no' || (found.presence === 'yes' && found.state?.type !== 'directory' && found.state?.type !== 'symlink')) return { success: false, certain: true };
  context.shell.cwd = reached;
  assignVariable(context.shell, 'OLDPWD', left);
  assignVariable(context.shell, 'PWD', { value: reached, known: found.presence === 'yes' });
  return { success: true, certain: found.presence === 'yes' };
}
