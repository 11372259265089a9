/** The expanded values of a step's variables, which the hover shows beside the line as written. */
import type { Step } from '../analysis/types';
import type { PlannedStep } from '../dockerfile/plan';
import type { AccountFiles } from './ownership';
import { userInForce } from './run/script';

/**
 * Returns the expansion fields of a step: the values an ENV or ARG line sets, the `--chown` of a
 * COPY or ADD, and the user of a USER line with its numbers. `accounts` reads `/etc/passwd` and
 * `/etc/group` as of the step, and only a USER line calls it.
 */
export async function stepExpansion(planned: PlannedStep, accounts: () => Promise<AccountFiles>): Promise<Pick<Step, 'assigned' | 'user' | 'chown'>> {
  if (planned.assigned) return { assigned: planned.assigned };
  if (planned.copy?.chown) return { chown: planned.copy.chown };
  if (planned.instruction.keyword !== 'USER' || planned.instruction.args.trim() === '') return {};
  const { name, uid, gid } = userInForce([planned], await accounts());
  return { user: { value: name, uid, gid } };
}
