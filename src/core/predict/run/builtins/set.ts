/** The `set` builtin's options, which also start a shell (`sh -e -c`). */
import type { ShellState, Status } from '../context';
import type { Field } from '../expand';
import { optionLetters } from '../shellOptions';
import { success } from './context';

/** Applies `set`-style options, of which the prediction follows `errexit`, `noglob` and `nounset`. */
export function setOptions(shell: ShellState, args: Field[]): Status {
  for (const { letter, on, name } of optionLetters(args.map((arg) => arg.value))) {
    const option = letter === 'o' ? name : optionOfLetter[letter];
    if (option === 'errexit') shell.errexit = on;
    if (option === 'noglob') shell.noglob = on;
    if (option === 'nounset') shell.nounset = on;
  }
  return success;
}

/** The options named by the letters `e`, `f` and `u`, which `set -o` also takes by name. */
const optionOfLetter: Readonly<Record<string, string>> = { e: 'errexit', f: 'noglob', u: 'nounset' };
