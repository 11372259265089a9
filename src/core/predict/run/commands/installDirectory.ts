/**
 * `install -d` on a folder that exists already, or on a path where a file is in the way. GNU install sets its mode (0755 without -m) as it
 * does on a folder it creates, which coreutils 9.1 on Debian 12 showed on a folder of mode 0700.
 * With -o or -g it sets only the ids given. BusyBox 1.35's coreutils/install.c sets the mode too,
 * but with -o or -g it sets both ids, taking the caller's own (`getuid()`, `getgid()`) for the
 * one not given.
 * NOTE: the BusyBox rule is read from its source, not run, because Debian's BusyBox builds have
 * no install applet.
 */
import { addNote, type CommandContext, type Doubt } from '../context';
import { failWith } from './toolError';
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

/**
 * Returns the doubt of the folder `install -d` makes at `path` where one may exist already, which
 * the prediction cannot see. The tool then sets the mode all the same, so only the ids it does
 * not set stay in doubt, and a note names them. Where it sets both, the folder ends the same either way.
 */
export function possibleFolderDoubt(context: CommandContext, path: string, owner: OwnerChange | undefined): Doubt | false {
  if (context.view.lookup(path).presence !== 'maybe') return false;
  const unchangedIds = keptIds(context, owner);
  if (unchangedIds === undefined) return false;
  addNote(context.report, `install -d: ${path} may exist already below this RUN, which the prediction cannot see, so it takes it to be new. If it exists, install sets its mode all the same, and it keeps its own ${unchangedIds}.`);
  return 'noted';
}

/** Names the ids that install leaves as they are on an existing folder, following GNU where the image's install is not known. */
function keptIds(context: CommandContext, owner: OwnerChange | undefined): string | undefined {
  const setsBoth = owner !== undefined && (toolFlavor(context) === 'busybox' || (owner.uid !== undefined && owner.gid !== undefined));
  if (setsBoth) return undefined;
  if (owner?.uid !== undefined) return 'group';
  return owner?.gid !== undefined ? 'owner' : 'owner and group';
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

/**
 * Returns whether a file is surely in the way of the folder `install -d` makes for `written` (the
 * operand as written), and then records the error, as GNU install 9.1 and BusyBox 1.35's
 * libbb/make_directory.c word it. A file at the operand itself gives "File exists", or in BusyBox
 * "Not a directory" where the operand ends with a slash. A file among its folders gives "Not a
 * directory", and the error names the written path up to that file (in BusyBox, with the slashes
 * after it).
 */
export function fileInTheWay(context: CommandContext, written: string): boolean {
  const busybox = toolFlavor(context) === 'busybox';
  for (const component of written.matchAll(/[^/]+(\/*)/g)) {
    const end = component.index + component[0].length;
    const name = written.slice(0, end - component[1].length);
    const found = context.view.lookup(context.view.resolve(context.resolve(name)));
    if (found.presence !== 'yes' || found.state?.type !== 'file' || found.state.certainty === 'unknown') continue;
    if (end === written.length) failWith(context, written, busybox && component[1] !== '' ? 'Not a directory' : 'File exists');
    else failWith(context, busybox ? written.slice(0, end) : name, 'Not a directory');
    return true;
  }
  return false;
}
