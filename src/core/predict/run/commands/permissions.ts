/** Write permission on folders and files for a RUN whose USER is not root. */
import { parentPath } from '../../../model/paths';
import { addNote, type CommandContext } from '../context';
import type { FileState } from '../view';

type Access = 'yes' | 'no' | 'unknown';

/**
 * Returns whether the RUN's user may create or remove names in the parent folder of `path`.
 * The result is `unknown` when the user's number or the folder's owner or mode is not known, or
 * when only a group the prediction cannot see would allow it.
 */
export function mayWriteParent(context: CommandContext, path: string): Access {
  if (context.uid === 0) return 'yes';
  const directory = parentPath(context.view.resolveParents(path));
  const folder = context.view.lookup(directory).state;
  if (!folder || folder.type !== 'directory') return 'unknown';
  return mayWrite(context, folder, `in ${directory}`, directory);
}

/** Returns whether the RUN's user may write into the existing file at `path` (`>` or `cp` over it). */
export function mayWriteFile(context: CommandContext, path: string): Access {
  if (context.uid === 0) return 'yes';
  const file = context.view.lookup(path).state;
  if (!file || file.type !== 'file') return 'unknown';
  return mayWrite(context, file, `on ${path}`, path);
}

/**
 * Checks the write bits of `state` for the RUN's user; `where` completes the reason of a denial
 * (`in /w`, `on /w/f`). A guessed entry (one of the standard folders of an unread base image)
 * decides nothing for sure, unless its owner and mode are exact all the same.
 */
function mayWrite(context: CommandContext, state: FileState, where: string, path: string): Access {
  if (state.mode === null || state.uid === null || (state.certainty !== 'exact' && !state.exactOwnerAndMode)) return 'unknown';
  if ((state.mode & 0o002) !== 0) return 'yes';
  // A USER name that the image's /etc/passwd does not resolve (or an unread one) has no number.
  if (context.uid === null) return unknownUser(context, path, state, where);
  if (state.uid === context.uid) return (state.mode & 0o200) !== 0 ? 'yes' : deny(context, where, state, state.mode);
  if ((state.mode & 0o020) === 0) return deny(context, where, state, state.mode);
  // Supplementary groups come from /etc/group, which is not read here.
  return state.gid !== null && state.gid === context.gid ? 'yes' : 'unknown';
}

/** Records why the user may not write `where` (`in /w`, `on /w/f`), for the problem of a RUN that then fails. */
function deny(context: CommandContext, where: string, state: { uid: number | null; gid: number | null }, mode: number): 'no' {
  const owner = `${state.uid ?? '?'}:${state.gid ?? '?'}`;
  const octal = (mode & 0o7777).toString(8).padStart(4, '0');
  const reason = `${context.name} needs write permission ${where}, which user ${context.uid} lacks (owner ${owner}, mode ${octal})`;
  const denials = (context.report.permissionDenials ??= []);
  if (!denials.includes(reason)) denials.push(reason);
  return 'no';
}

/**
 * Reports a write check for a USER name without a number. A root-owned entry that only its
 * owner may write is closed to every other user. A name other than root (which resolves to 0)
 * is almost always another user, so that case gets a warning that the build most likely fails.
 */
function unknownUser(context: CommandContext, path: string, state: FileState, where: string): 'unknown' {
  const mode = state.mode ?? 0;
  if (state.uid === 0 && (mode & 0o022) === 0) {
    const octal = (mode & 0o7777).toString(8).padStart(4, '0');
    const message = `${context.name} most likely fails with "Permission denied": ${path} belongs to root with mode ${octal}, and the USER is a name other than root, so it may not write there. Give it the user's owner (COPY --chown, or RUN chown as root before USER).`;
    if (!context.report.problems.some((problem) => problem.message === message)) context.report.problems.push({ severity: 'warning', message });
    return 'unknown';
  }
  addNote(context.report, `The USER is a name whose number the image's /etc/passwd does not give here, so whether it may write ${where} is unknown.`);
  return 'unknown';
}
