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
  if (context.uid === null) return unknownUser(context, directory, folder);
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

/**
 * Reports a folder check for a USER name without a number. A root-owned folder that only its
 * owner may write is closed to every other user. A name other than root (which resolves to 0)
 * is almost always another user, so that case gets a warning that the build most likely fails.
 */
function unknownUser(context: CommandContext, directory: string, folder: { uid: number | null; mode: number | null }): 'unknown' {
  const mode = folder.mode ?? 0;
  if (folder.uid === 0 && (mode & 0o022) === 0) {
    const octal = (mode & 0o7777).toString(8).padStart(4, '0');
    const message = `${context.name} most likely fails with "Permission denied": ${directory} belongs to root with mode ${octal}, and the USER is a name other than root, so it may not write there. Create the folder with the user's owner (COPY --chown, or RUN mkdir and chown as root before USER).`;
    if (!context.report.problems.some((problem) => problem.message === message)) context.report.problems.push({ severity: 'warning', message });
    return 'unknown';
  }
  addNote(context.report, `The USER is a name whose number the image's /etc/passwd does not give here, so whether it may write in ${directory} is unknown.`);
  return 'unknown';
}
