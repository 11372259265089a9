/**
 * The `$HOME` and group that a RUN starts with when no ENV sets HOME and the USER names no group.
 * The runtime takes both from the user's `/etc/passwd` line. runc gives HOME `/` and group 0 to a
 * user that the file does not list, or when the file does not exist (see `homeFolder`).
 */
import type { LayerStack } from '../../model/stack';
import { textMayBeStale, type KnownText } from '../imageText';
import { homeFolder, passwdEntry, type PasswdEntry, type UserIds } from '../ownership';
import type { RunView } from './view';

/** A numeric user, or a name, and the USER value it comes from. */
type RunUser = UserIds & { name: string };

/**
 * Returns the starting HOME of the RUN's `user` (`name` is the USER value), or `null` where it is
 * unknown. `passwd` is the text of `/etc/passwd` below the RUN, where it was read. Unless the
 * file's full text or its absence is known, it returns the home that `user` already has.
 */
export function startingHome(user: RunUser, passwd: KnownText | undefined, below: LayerStack, view: RunView): string | null {
  if (user.uid === null) return user.home;
  const line = listedLine(user, passwd, below, view);
  return line === 'unknown' ? user.home : homeFolder(user.uid, line, true);
}

/**
 * Returns the group number the RUN's `user` starts with: the one it already has, else the group
 * of its `/etc/passwd` line, else 0 where the file's full text or its absence is known. Without
 * `/etc/passwd`, the files of USER 1000 were owned by `1000:0` in real builds by Docker Engine
 * 20.10.24's classic builder and by buildah 1.28.2. Returns `null` where the group stays unknown.
 */
export function startingGroup(user: RunUser, passwd: KnownText | undefined, below: LayerStack, view: RunView): number | null {
  if (user.gid !== null || user.uid === null || namesGroup(user)) return user.gid;
  const line = listedLine(user, passwd, below, view);
  if (line === 'unknown') return null;
  return line?.gid ?? 0;
}

/**
 * Explains why the group of a USER with a known number stays unknown, or returns `undefined`
 * when the group is known or the user number is not (another note covers that case).
 */
export function unknownGroupNote(user: RunUser, gid: number | null, passwd: KnownText | undefined): string | undefined {
  if (gid !== null || user.uid === null) return undefined;
  const group = user.name.split(':', 2)[1];
  if (namesGroup(user)) return `The group "${group}" of USER ${user.name} is not found, because the image's /etc/group is not read or may have changed, so the group of the files this RUN makes is unknown.`;
  let reason = 'may have changed in a RUN that the prediction does not follow';
  if (passwd === undefined) reason = 'is not read';
  else if (passwd.partial) reason = 'is known only in part';
  return `USER ${user.name} names no group, so the runtime gives the files this RUN makes the group of the user's /etc/passwd line, or 0 without a line. That group is unknown because the image's /etc/passwd ${reason}.`;
}

/** Returns whether the USER value names a group after its colon. */
function namesGroup(user: RunUser): boolean {
  const group = user.name.split(':', 2)[1];
  return group !== undefined && group !== '';
}

/**
 * Returns the user's `/etc/passwd` line, or `undefined` where the file is known in full and lacks
 * one or is known to be absent. Returns `'unknown'` where the file is unread, known only in part,
 * or may have changed since, in a RUN that the prediction does not follow.
 */
function listedLine(user: RunUser, passwd: KnownText | undefined, below: LayerStack, view: RunView): PasswdEntry | undefined | 'unknown' {
  if (view.lookup('/etc/passwd').presence === 'no') return undefined;
  if (passwd === undefined || passwd.partial || textMayBeStale(below, '/etc/passwd')) return 'unknown';
  // A numeric USER matches the line of its number, and a name the line of its name.
  const [userName] = user.name.split(':', 1);
  return passwdEntry(userName, passwd.text);
}
