/** The notice of a Merged Filesystem panel whose Dockerfile was closed. No `vscode` import, so it runs under plain mocha. */

/**
 * Returns the notice above the tree of a panel whose Dockerfile, named `fileName`, was closed.
 * Closing drops the Dockerfile's analysis, so the panel keeps the last one and no longer
 * follows edits until the Dockerfile is opened again.
 */
export function closedNoticeMessage(fileName: string): string {
  return `${fileName} was closed, so this panel shows its last analysis and no longer follows its edits. Open ${fileName} again to resume.`;
}
