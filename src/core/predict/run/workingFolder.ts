/**
 * The `$PWD` that a RUN's shell starts with. The runtime starts the shell in the WORKDIR, and
 * POSIX (XCU 2.5.3, Shell Variables) has the shell keep an inherited PWD only when it is an
 * absolute path of that folder without `.` or `..` parts. Otherwise the shell sets PWD to what
 * `pwd -P` prints, the path with its symlinks resolved.
 */
import { ancestorPaths } from '../../model/paths';
import type { Field } from './expand';
import type { RunView } from './view';

/** Returns the starting `$PWD` in `workdir`, where `inherited` is the PWD of the environment (an ENV), if any. */
export function startingPwd(workdir: string, inherited: string | undefined, view: RunView): Field {
  const physical = view.resolve(workdir);
  // A folder that may exist unseen (in an unread base image) may be a symlink.
  const known = [...ancestorPaths(physical), physical].every((path) => view.lookup(path).presence === 'yes');
  const keepsInherited = inherited !== undefined && inherited.startsWith('/') && !/(^|\/)\.\.?(\/|$)/.test(inherited) && view.resolve(inherited) === physical;
  return { value: keepsInherited ? inherited : physical, known };
}
