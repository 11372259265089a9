/** Write permission on folders for a RUN whose USER is not root. */
import { parentPath } from '../../../model/paths';
import { addNote, type CommandContext } from '../context';

/**
 * Returns whether the RUN's user may create or remove names in the parent folder of `path`.
 * The result is `unknown` when the user's number or the folder's owner or mode is not known, or
 * when only a group the prediction cannot see would allow it.
 */
export function mayWriteParent(context: CommandContext, path: string): 'yes' | 'no' | 'unknown' {
  if (context.uid === 0) return 'yes';
  const directory = parentPath(context.view.resolveParents(path));
  const folder = context.view.lookup(directory).state;
  if (!folder || folder.type !== 'directory' || folder.mode === null || folder.uid === null) return 'unknown';
  // A guessed folder (one of the standard folders of an unread base image) decides nothing for sure.
  if (folder.certainty !== 'exact') return 'unknown';
  if ((folder.mode & 0o002) !== 0) return 'yes';
  // A USER name that the image's /etc/passwd does not resolve (or an unread one) has no number.
  if (context.uid === null) return noteUnknownUser(context, directory);
  if (folder.uid === context.uid) return (folder.mode & 0o200) !== 0 ? 'yes' : deny(context, directory, folder, folder.mode);
  if ((folder.mode & 0o020) === 0) return deny(context, directory, folder, folder.mode);
  // Supplementary groups come from /etc/group, which is not read here.
  return folder.gid !== null && folder.gid === context.gid ? 'yes' : 'unknown';
}

/** Records why the user may not write in `directory`, for the problem of a RUN that then fails. */
function deny(context: CommandContext, directory: string, folder: { uid: number | null; gid: number | null }, mode: number): 'no' {
  const owner = `${folder.uid ?? '?'}:${folder.gid ?? '?'}`;
  const octal = (mode & 0o7777).toString(8).padStart(4, '0');
  const reason = `${context.name} needs write permission in ${directory}, which user ${context.uid} lacks (owner ${owner}, mode ${octal})`;
  const denials = (context.report.permissionDenials ??= []);
  if (!denials.includes(reason)) denials.push(reason);
  return 'no';
}

function noteUnknownUser(context: CommandContext, directory: string): 'unknown' {
  addNote(context.report, `The USER is a name whose number the image's /etc/passwd does not give here, so whether it may write in ${directory} is unknown.`);
  return 'unknown';
}
