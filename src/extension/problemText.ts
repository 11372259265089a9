/**
 * Problem messages as the Problems panel shows them. The panel shows a message on one line and
 * cuts its end, so absolute build context paths leave out the advice that follows them. No
 * `vscode` import, for unit tests.
 */

/**
 * Shortens the build context's absolute path in a problem message: a context file's path
 * becomes relative to the context folder, and "the build context /abs/folder" becomes "the build
 * context", because the problem sits on the Dockerfile whose settings choose that folder.
 * Other mentions, such as a context folder that cannot be opened, keep the full path.
 */
export function shortenContextPaths(message: string, contextPath: string): string {
  const root = contextPath.replace(/[\\/]+$/, '');
  if (root === '') return message;
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The lookahead keeps a sibling folder whose name starts with the context's (`/ctx-old`) as it is.
  const folderMention = new RegExp(`the build context ${escaped}(?=$|[\\s.,;:)])`, 'g');
  const fileMention = new RegExp(`${escaped}[\\\\/](?=\\S)`, 'g');
  return message.replace(folderMention, 'the build context').replace(fileMention, '');
}
