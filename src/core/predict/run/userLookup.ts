/**
 * The lookup of a RUN's USER, which every builder makes before it starts the command: a user or
 * group name must be in the image's `/etc/passwd` or `/etc/group`. The messages are those of the
 * sources: the classic builder of Docker Engine 20.10.24 (`getUser` in daemon/oci_linux.go, with
 * runc's libcontainer/user) and BuildKit (`oci.GetUser`, with moby/sys/user) print the same text;
 * buildah 1.28.2 prints that of `chrootuser.GetUser`, which wraps Go's `user.UnknownUserError`.
 * None of them fails on such a name for a COPY without `--chown` or for a WORKDIR. The classic
 * builder creates both as root, and buildah ignores a failed lookup for the folder of a WORKDIR.
 * BuildKit's file operations take a name that `/etc/passwd` lacks as root (`readUser` in
 * solver/llbsolver/ops/user_linux.go).
 */
import type { BuilderKind } from '../../dockerfile/builders';
import type { LayerStack } from '../../model/stack';
import { textMayBeStale } from '../imageText';
import type { AccountFiles, UserIds } from '../ownership';

/**
 * Returns the error of a RUN whose USER names a user or group that the account file, known in
 * full below the RUN, does not list. Returns `undefined` when the lookup succeeds or when the file
 * is unread, known only in part, or may have changed since (a RUN the prediction does not follow).
 */
export function unknownUserError(user: UserIds & { name: string }, accounts: AccountFiles | undefined, below: LayerStack, builder: BuilderKind): string | undefined {
  if (!accounts || accounts.partial) return undefined;
  const [userName, group] = user.name.split(':', 2);
  // The builders look the user up first, so a group is checked only once the user is found.
  if (user.uid === null) {
    if (accounts.passwd === undefined || textMayBeStale(below, '/etc/passwd')) return undefined;
    return missingNameMessage('user', userName, user.name, builder);
  }
  if (group === undefined || group === '' || user.gid !== null) return undefined;
  if (accounts.group === undefined || textMayBeStale(below, '/etc/group')) return undefined;
  return missingNameMessage('group', group, user.name, builder);
}

function missingNameMessage(kind: 'user' | 'group', name: string, value: string, builder: BuilderKind): string {
  const file = kind === 'user' ? '/etc/passwd' : '/etc/group';
  return `The ${kind} "${name}" of USER ${value} is not in the image's ${file}, so the builder cannot start this RUN ("${printedError(kind, name, builder)}"), and the build fails on this line. Add the ${kind} in a RUN before the USER line, or give its number.`;
}

/** Returns the error that `builder` prints for a user or group name it does not find. */
function printedError(kind: 'user' | 'group', name: string, builder: BuilderKind): string {
  if (builder === 'buildah') return kind === 'user' ? `determining run uid: user: unknown user error looking up user "${name}"` : `determining run gid: group: unknown group error looking up group "${name}"`;
  return `unable to find ${kind} ${name}: no matching entries in ${kind === 'user' ? 'passwd' : 'group'} file`;
}
