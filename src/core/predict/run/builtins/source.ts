/** The `.` and `source` builtins where the file they read is surely missing or a folder. */
import type { Certainty } from '../../../model/layer';
import { joinImagePath } from '../../../model/paths';
import { followLink } from '../commands/fsOps';
import { bashBuiltinError, missingInput, sourceError } from '../commands/shellError';
import type { Status } from '../context';
import type { Field } from '../expand';
import type { BuiltinContext, DispatchResult } from './context';

/**
 * Returns the result of `. FILE` (or `source FILE`) where FILE is surely missing or a folder, or
 * `undefined` where it may be a file. A FILE without a slash is searched for in PATH (and by
 * bash in the working folder), which is left unknown here. `viaCommand` is whether `command`
 * runs the builtin (`command . FILE`), which keeps a failure from exiting the shell.
 * NOTE: a `.` inside a function body is not followed, because the prediction leaves functions
 * unknown, although there dash 0.5.12 and BusyBox 1.35 ash exit as well (`f() { . /f; }; f`).
 */
export function sourceUnreadFile(context: BuiltinContext, name: string, args: Field[], reach: Certainty, line: number | undefined, viaCommand = false): DispatchResult | undefined {
  const file = args[0];
  const flavor = context.flavor();
  if (!file?.known || !file.value.includes('/') || flavor === 'unknown') return undefined;
  // dash has no `source` builtin, so it runs whatever PATH gives for that name.
  if (flavor === 'dash' && name === 'source') return undefined;
  const path = joinImagePath(context.shell.cwd, file.value);
  const found = context.view.lookup(followLink(context.view, path));
  if (found.presence === 'yes' && found.state?.type === 'directory') return sourceFolder(context, name, args, reach, line);
  const reason = missingInput(context.view, path);
  if (reason === undefined) return undefined;
  const status: Status = { success: false, certain: reach === 'exact', code: flavor === 'bash' ? 1 : 2 };
  const failure = {
    command: commandText(name, args),
    error: sourceError(context.program, flavor, name, file.value, reason, line),
    hint: `The stage has no ${path} when this command runs. Copy the file in an earlier step, or correct the path.`,
  };
  // `.` is a special builtin, so dash 0.5.12 and BusyBox 1.35 ash exit with status 2 even in a
  // condition (`. /f || true`), and bash 5.2.15 exits with 1 in its POSIX mode. Outside it, bash
  // fails with 1 and goes on. `command . /f` fails with the same status in each but goes on
  // (`dash -c 'command . /f; echo $?'` printed 2).
  const exits = !viaCommand && !context.bashOutsidePosix();
  return { status, failure, ...(exits ? { exited: true } : {}) };
}

/**
 * Returns the result of `. FOLDER`. bash 5.2.15 prints "is a directory" and fails with 1, also in
 * its POSIX mode, and goes on. dash 0.5.12 and BusyBox 1.35 ash print nothing and return 0
 * (`. /tmp; echo $?` printed 0).
 */
function sourceFolder(context: BuiltinContext, name: string, args: Field[], reach: Certainty, line: number | undefined): DispatchResult {
  const certain = reach === 'exact';
  if (context.flavor() !== 'bash') return { status: { success: true, certain, code: 0 } };
  const folder = args[0].value;
  const failure = {
    command: commandText(name, args),
    error: bashBuiltinError(context.program, line, `${name}: ${folder}: is a directory`),
    hint: `${joinImagePath(context.shell.cwd, folder)} is a folder, and ${name} reads a script file. Name the file in that folder to read.`,
  };
  return { status: { success: false, certain, code: 1 }, failure };
}

function commandText(name: string, args: Field[]): string {
  return [name, ...args.map((arg) => arg.value)].join(' ');
}
