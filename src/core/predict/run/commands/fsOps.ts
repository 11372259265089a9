/** Filesystem steps shared by the command models: checking parents, writing files and folders. */
import type { Certainty, EntryOrigin } from '../../../model/layer';
import { leastCertain } from '../../../model/layer';
import { ancestorPaths, joinImagePath, parentPath } from '../../../model/paths';
import { recordDoubt, type CommandContext, type Content, type Doubt, type Status } from '../context';
import { newInode, type FileState, type RunView } from '../view';
import { mayWriteFile, mayWriteParent } from './permissions';

/** Permission bits of new files and folders under the default umask 022. */
export const newFileMode = 0o644;
export const newDirectoryMode = 0o755;

export const ok: Status = { success: true, certain: true };
export const fail: Status = { success: false, certain: true };

/** Returns a status that follows from the prediction when `certain`, and is a guess otherwise. */
export function status(success: boolean, certain: boolean): Status {
  return { success, certain };
}

/**
 * Returns the certainty of the entry written now at `path`: `exact` unless one of `doubts` applies
 * (each is `false` when it does not) or the command runs only on a guessed branch. Records each
 * doubt with the path, so that the step's notes can explain the estimate.
 */
export function writeCertainty(context: CommandContext, path: string, ...doubts: Array<Doubt | false>): Certainty {
  const applying = doubts.filter((doubt): doubt is Doubt => doubt !== false);
  if (context.reach !== 'exact') applying.push(context.reachDoubt ?? 'guessed-branch');
  if (applying.length === 0) return 'exact';
  const resolved = context.view.resolveParents(path);
  for (const doubt of applying) recordDoubt(context.report, resolved, doubt);
  return leastCertain(context.reach, 'estimated');
}

/** Takes a folder the prediction cannot see to exist, with its missing ancestors. */
export function assumeDirectory(view: RunView, path: string): void {
  for (const candidate of [...ancestorPaths(path), path]) {
    if (candidate !== '/' && view.lookup(candidate).presence === 'maybe') view.assumedDirectories.add(candidate);
  }
}

/**
 * Checks that a path's parent is a folder: `yes`, `no` (the command fails), or `assumed` when the
 * prediction cannot see it and takes it to exist in the base image.
 */
export function parentReady(view: RunView, path: string): 'yes' | 'no' | 'assumed' {
  // The parent of the resolved path is never a symlink, so a link to a folder counts as that folder.
  const directory = parentPath(view.resolveParents(path));
  const parent = view.lookup(directory);
  if (parent.presence === 'yes') return parent.state?.type === 'directory' ? 'yes' : 'no';
  if (parent.presence === 'no') return 'no';
  assumeDirectory(view, directory);
  return 'assumed';
}

/** Follows a symlink at `path` one step, as the shell's `>` and most tools do. */
export function followLink(view: RunView, path: string): string {
  const resolved = view.resolveParents(path);
  const found = view.lookup(resolved);
  if (found.state?.type !== 'symlink' || found.state.linkTarget === undefined) return resolved;
  return view.resolveParents(joinImagePath(parentPath(resolved), found.state.linkTarget));
}

/** Writes stream content to a file (`>` or `>>`), creating it with the user's owner if new. */
export function writeContent(context: CommandContext, target: string, content: Content, append: boolean): Status {
  const view = context.view;
  const path = followLink(view, target);
  const found = view.lookup(path);
  if (found.presence === 'yes' && found.state?.type === 'directory') return fail;
  const parent = parentReady(view, path);
  if (parent === 'no') return status(false, found.presence !== 'maybe');
  const parentDoubt = parent !== 'yes' && 'noted';
  const existDoubt = found.presence === 'maybe' && 'may-exist';
  const textDoubt = (!content.known || content.size === null || content.estimated === true) && contentDoubt(content);
  view.metadataOnly.delete(path);
  if (found.presence === 'yes') {
    if (mayWriteFile(context, path) === 'no') return fail;
    const state = view.copyUp(path) as FileState;
    let size = content.size;
    if (append) size = state.size === null || content.size === null ? null : state.size + content.size;
    const origin = writtenText(content, append, found.fromBelow ? undefined : state.origin) ?? { kind: 'parent' };
    const sizeDoubt = size === null && !textDoubt && 'unknown-size';
    view.write(path, { ...state, size, certainty: writeCertainty(context, path, parentDoubt, existDoubt, textDoubt, sizeDoubt), origin });
    return ok;
  }
  const allowed = mayWriteParent(context, path);
  if (allowed === 'no') return fail;
  const created = newFile(context, path, content.size, [parentDoubt, existDoubt, textDoubt, permissionDoubt(context, allowed)]);
  // A file that only the unread base image may hold keeps its unknown text before an append.
  const origin = writtenText(content, append && found.presence === 'maybe', undefined);
  view.write(path, origin ? { ...created, origin } : created);
  return status(true, parent === 'yes' && allowed === 'yes');
}

/** Returns the doubt on content that is not known exactly. */
function contentDoubt(content: Content): Doubt {
  if (!content.binary) return 'unknown-text';
  return content.size === null ? 'unknown-binary' : 'estimated-binary';
}

/** Maximum length of the text a write keeps: enough for account files such as /etc/passwd, and it bounds memory. */
const MAX_KEPT_TEXT = 4096;

/**
 * Returns the origin that keeps the text a write leaves in a file, or `undefined` when it is not
 * known. `earlier` is the origin the file has from an earlier write of this RUN, if any: an
 * append extends text this RUN wrote, or else appends to the version below.
 */
function writtenText(content: Content, append: boolean, earlier: EntryOrigin | undefined): EntryOrigin | undefined {
  if (!content.known || content.text === null) return undefined;
  if (!append) return content.text.length <= MAX_KEPT_TEXT ? { kind: 'run-text', text: content.text, appended: false } : undefined;
  if (earlier !== undefined && earlier.kind !== 'run-text') return undefined;
  const text = (earlier?.text ?? '') + content.text;
  return text.length <= MAX_KEPT_TEXT ? { kind: 'run-text', text, appended: earlier?.appended ?? true } : undefined;
}

/**
 * Returns the doubt when the user's write permission is not known. A USER without a number
 * already has its note, and any other case gets its own.
 */
export function permissionDoubt(context: CommandContext, allowed: 'yes' | 'no' | 'unknown'): Doubt | false {
  if (allowed === 'yes') return false;
  return context.uid === null ? 'noted' : 'unknown-permission';
}

/** Makes the state of a new regular file at `path` owned by the RUN's user. */
export function newFile(context: CommandContext, path: string, size: number | null, doubts: Array<Doubt | false>, mode = newFileMode): FileState {
  return { type: 'file', size, mode, uid: context.uid, gid: context.gid, certainty: writeCertainty(context, path, ...doubts), inode: newInode() };
}

/** Makes the state of a new folder at `path` owned by the RUN's user. */
export function newDirectory(context: CommandContext, path: string, doubts: Array<Doubt | false>, mode = newDirectoryMode): FileState {
  return { type: 'directory', size: 0, mode, uid: context.uid, gid: context.gid, certainty: writeCertainty(context, path, ...doubts) };
}

/** Lists a path and every known path under it, parents first. */
export function subtree(view: RunView, path: string): string[] {
  const paths = [path];
  const found = view.lookup(path);
  if (found.state?.type !== 'directory') return paths;
  for (const child of view.children(path)) paths.push(...subtree(view, child.path));
  return paths;
}
