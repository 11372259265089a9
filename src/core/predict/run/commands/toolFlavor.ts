/**
 * Detects which implementation of a core tool (cp, chmod, ...) the image runs: BusyBox or GNU
 * coreutils. The two differ in a few defaults, such as whether `cp -r` keeps hard links.
 */
import { baseName, joinImagePath } from '../../../model/paths';
import type { CommandContext } from '../context';
import { defaultPath } from '../script';

export type ToolFlavor = 'busybox' | 'gnu' | 'unknown';

/**
 * Finds the program that the shell runs for `context.name` and returns whether it is BusyBox: a symlink
 * to a file named busybox (Alpine) or a hard link of /bin/busybox (the busybox images). Any other
 * file is taken for GNU coreutils. The flavor is `unknown` when PATH leads to a name that only
 * the unread base image may hold.
 * NOTE: toybox and uutils (Rust coreutils) are taken for GNU coreutils.
 */
export function toolFlavor(context: CommandContext): ToolFlavor {
  const view = context.view;
  const program = programPath(context);
  if (program === undefined) return 'unknown';
  const resolved = view.resolve(program);
  const found = view.lookup(resolved);
  if (found.presence !== 'yes' || found.state?.type !== 'file') return 'unknown';
  if (baseName(resolved) === 'busybox') return 'busybox';
  const busybox = view.lookup(view.resolve('/bin/busybox'));
  if (busybox.presence === 'maybe') return 'unknown';
  return found.state.inode !== undefined && found.state.inode === busybox.state?.inode ? 'busybox' : 'gnu';
}

/**
 * Returns the path that PATH gives for the command, or `undefined` when the prediction cannot
 * tell. The models see only the command's base name, so `/bin/cp` is looked up as `cp`.
 */
export function programPath(context: CommandContext): string | undefined {
  const path = context.shell.unknownVariables.has('PATH') ? undefined : context.shell.variables.get('PATH') ?? defaultPath;
  if (path === undefined) return undefined;
  for (const folder of path.split(':').filter((entry) => entry.startsWith('/'))) {
    const candidate = joinImagePath(folder, context.name);
    const presence = context.view.lookup(candidate).presence;
    if (presence === 'yes') return candidate;
    if (presence === 'maybe') return undefined;
  }
  return undefined;
}
