/** The status of the `exit` builtin. */
import type { Status } from '../context';
import type { Field } from '../expand';

/**
 * Returns the status that `exit [N]` exits with: N modulo 256, or without N the status of the
 * last command. A value that is no number makes the shells fail with status 2 (dash 0.5.12,
 * BusyBox 1.35 ash) or 255 (bash 5.2 for `exit -1`), left unknown here.
 */
export function exitStatus(lastStatus: number | null, argument: Field | undefined): Status {
  if (argument === undefined) {
    const code = lastStatus;
    return code === null ? { success: true, certain: false, code: null } : { success: code === 0, certain: true, code };
  }
  // An unknown value is taken to be 0, as the prediction takes a command to succeed.
  if (!argument.known) return { success: true, certain: false, code: null };
  if (!/^\d+$/.test(argument.value)) return { success: false, certain: true, code: null };
  const code = Number(argument.value) % 256;
  return { success: code === 0, certain: true, code };
}
