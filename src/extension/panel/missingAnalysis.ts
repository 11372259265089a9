/** The message a Merged Filesystem panel shows when its Dockerfile has no analysis. No `vscode` import, so it runs under plain mocha. */

/**
 * Why a panel has no analysis: its Dockerfile was closed, which drops the analysis until the file
 * is opened again, or the analysis failed, which the Layer Lens output explains.
 */
export type MissingAnalysisReason = 'closed' | 'failed';

/** Returns the panel's message for a Dockerfile named `fileName` whose analysis is missing. */
export function missingAnalysisMessage(fileName: string, reason: MissingAnalysisReason): string {
  if (reason === 'closed') return `${fileName} was closed, so Layer Lens stopped analysing it. Open it again to update this panel.`;
  return `The analysis of ${fileName} is not available now. See the Layer Lens output for the reason.`;
}
