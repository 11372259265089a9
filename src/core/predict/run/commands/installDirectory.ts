/**
 * `install -d` on a folder that exists already. GNU install sets its mode (0755 without -m) as it
 * does on a folder it creates, which coreutils 9.1 on Debian 12 showed on a folder of mode 0700.
 * With -o or -g it sets only the ids given. BusyBox 1.35's coreutils/install.c sets the mode too,
 * but with -o or -g it sets both ids, taking the caller's own (`getuid()`, `getgid()`) for the
 * one not given.
 * NOTE: the BusyBox rule is read from its source, not run, because Debian's BusyBox builds have
 * no install applet.
 */
import { addNote, type CommandContext } from '../context';
import type { FileState } from '../view';
import { changePath } from './metadata';
import type { OwnerChange } from './owner';
import { toolFlavor } from './toolFlavor';

/** Sets the mode, and the owner from -o and -g, of the existing folder at `path` (symlinks followed). */
export function setExistingFolder(context: CommandContext, path: string, mode: number, owner: OwnerChange | undefined): void {
  changePath(context, context.view.resolve(path), (state) => {
    const changed: FileState = { ...state, mode };
    return owner === undefined ? changed : withOwner(context, path, changed, owner);
  });
}

/** Sets the ids of -o and -g on the folder's `state` as the image's install does, the one point where GNU and BusyBox install differ here. */
function withOwner(context: CommandContext, path: string, state: FileState, owner: OwnerChange): FileState {
  const gnu = { uid: owner.uid === undefined ? state.uid : owner.uid, gid: owner.gid === undefined ? state.gid : owner.gid };
  const busybox = { uid: owner.uid === undefined ? context.uid : owner.uid, gid: owner.gid === undefined ? context.gid : owner.gid };
  const flavor = toolFlavor(context);
  const ids = flavor === 'busybox' ? busybox : gnu;
  const guessed = flavor === 'unknown' && (gnu.uid !== busybox.uid || gnu.gid !== busybox.gid);
  if (guessed) {
    const id = owner.uid === undefined ? 'owner' : 'group';
    addNote(context.report, `install -d: GNU install keeps the ${id} of the existing folder ${path}, while BusyBox install sets it to the user's ${id}. This prediction cannot tell which install the image has, so it shows GNU's result, estimated.`);
  }
  if (!owner.estimated && !guessed && ids.uid !== null && ids.gid !== null) return { ...state, ...ids };
  return { ...state, ...ids, certainty: 'estimated', exactOwnerAndMode: undefined };
}
