/** `busybox NAME` where no BusyBox release has an applet NAME. */
import type { Certainty } from '../../../model/layer';
import { busyboxApplets } from '../commands/busyboxApplets';
import type { Field } from '../expand';
import type { DispatchResult } from './context';

/**
 * Returns whether `name` is no applet of any BusyBox release, so that `busybox NAME` fails. A
 * name in the list may still be missing from one build, which is taken to have it. BusyBox's own
 * options (`--list`) and a path (`busybox /bin/ls` runs `ls`) are left to the models.
 */
export function isMissingApplet(name: string): boolean {
  return !name.startsWith('-') && !name.includes('/') && !busyboxApplets.has(name);
}

/** Returns the result of `busybox NAME` for a name BusyBox lacks: BusyBox 1.35 prints "NAME: applet not found" and exits with status 127. */
export function missingApplet(program: string, args: Field[], reach: Certainty): DispatchResult {
  const name = args[0].value;
  const failure = { command: [program, ...args.map((arg) => arg.value)].join(' '), error: `${name}: applet not found`, hint: `No release of BusyBox has an applet named "${name}".` };
  return { status: { success: false, certain: reach === 'exact', code: 127 }, failure };
}
