/** The context that the shell builtins run in, and the result they return. */
import type { Field } from '../expand';
import type { CommandResult, Failure, RunReport, ShellState, Status } from '../context';
import type { ShellFlavor } from '../commands/shellError';
import { clearNonEmpty } from '../hostname';
import type { RunView } from '../view';

/** A command's result as the interpreter runs it: a nested script (`sh -c`) names its own failing command. */
export type DispatchResult = CommandResult & { exited?: boolean; exempt?: boolean; failure?: Failure };

/** The status of a command that surely succeeds. */
export const success: Status = { success: true, certain: true };

/** The parts of the running shell that a builtin reads and changes. */
export interface BuiltinContext {
  view: RunView;
  report: RunReport;
  /** The shell's state, which `cd` and `set` change in place. */
  shell: ShellState;
  /** The running shell's `$0`, which starts its errors. */
  program: string;
  /** Returns which shell runs the builtin, which takes lookups in the image, so only on demand. */
  flavor(): ShellFlavor;
  /** Returns whether the running shell is bash outside its POSIX mode. */
  bashOutsidePosix(): boolean;
}

/** Sets the variable `name` to `value`, and marks it unknown where `value` is. */
export function assignVariable(shell: ShellState, name: string, value: Field): void {
  shell.variables.set(name, value.value);
  clearNonEmpty(shell, name);
  if (value.known) shell.unknownVariables.delete(name);
  else shell.unknownVariables.add(name);
}
