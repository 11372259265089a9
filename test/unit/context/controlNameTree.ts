/** A real build context whose file names have control characters, for the tests of how views show them. */
import { makeTree } from './tempTree';

/**
 * Makes a context of a Dockerfile with `COPY data/ /data/` (line 2) and files named with a
 * newline, a tab and a BEL, and a symlink whose target has the newline. Remove it with `removeTree`.
 */
export function makeControlNameTree(): string {
  return makeTree({
    Dockerfile: 'FROM scratch\nCOPY data/ /data/\n',
    'data/new\nline.txt': 'n\n',
    'data/tab\tname.txt': 't\n',
    'data/bell\u0007.txt': 'b\n',
    'data/link': { link: 'new\nline.txt' },
  });
}
