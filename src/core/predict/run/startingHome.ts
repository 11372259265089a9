/**
 * The `$HOME` that a RUN's shell starts with when no ENV sets it. The runtime takes it from the
 * user's `/etc/passwd` line, and gives `/` to a user that the file does not list or when the file
 * does not exist (see `homeFolder`).
 */
import type { LayerStack } from '../../model/stack';
import { textMayBeStale, type KnownText } from '../imageText';
import { homeFolder, passwdEntry, type UserIds } from '../ownership';
import type { RunView } from './view';

/**
 * Returns the starting HOME of the RUN's `user` (`name` is the USER value), or `null` where it is
 * unknown. `passwd` is the text of `/etc/passwd` below the RUN, where it was read. Unless the
 * file's full text or its absence is known, it returns the home that `user` already has.
 */
export function startingHome(user: UserIds & { name: string }, passwd: KnownText | undefined, below: LayerStack, view: RunView): string | null {
  if (user.uid === null) return user.home;
  if (view.lookup('/etc/passwd').presence === 'no') return homeFolder(user.uid, undefined, true);
  if (passwd === undefined || passwd.partial || textMayBeStale(below, '/etc/passwd')) return user.home;
  // A numeric USER matches the line of its number, and a name the line of its name.
  const [userName] = user.name.split(':', 1);
  return homeFolder(user.uid, passwdEntry(userName, passwd.text), true);
}
