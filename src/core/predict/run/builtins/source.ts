/** The `.` and `source` builtins where the file they read is surely missing. */
import type { Certainty } from '../../../model/layer';
import { joinImagePath } from '../../../model/paths';
import { missingInput, sourceError } from '../commands/shellError';
import type { Status } from '../context';
import type { Field } from '../expand';
import type { BuiltinContext, DispatchResult } from './context';

/**
 * Returns the result of `. FILE` (or `source FILE`) where FILE is surely missing, or `undefined`
 * where it may be there. `.` is a special builtin, so dash 0.5.12 and BusyBox 1.35 ash exit with
 * status 2 even in a condition (`. /f || true`), and bash 5.2.15 exits with 1 in its POSIX mode.
 * Outside it, bash fails with 1 and goes on. A FILE without a slash is searched for in PATH (and
 * by bash in the working folder), which is left unknown here.
 */
export function sourceMissingFile(context: BuiltinContext, name: string, args: Field[], reach: Certainty, line: number | undefined): DispatchResult | undefined {
  const file = args[0];
  const flavor = context.flavor();
  if (!file?.known || !file.value.includes('/') || flavor === 'unknown') return undefined;
  // dash has no `source` builtin, so it runs whatever PATH gives for that name.
  if (flavor === 'dash' && name === 'source') return undefined;
  const path = joinImagePath(context.shell.cwd, file.value);
  const reason = missingInput(context.view, path);
  if (reason === undefined) return undefined;
  const status: Status = { success: false, certain: reach === 'exact', code: flavor === 'bash' ? 1 : 2 };
  const failure = {
    command: [name, ...args.map((arg) => arg.value)].join(' '),
    error: sourceError(context.program, flavor, name, file.value, reason, line),
    hint: `The stage has no ${path} when this command runs. Copy the file in an earlier step, or correct the path.`,
  };
  return { status, failure, ...(context.bashOutsidePosix() ? {} : { exited: true }) };
}
