/**
 * The build-context file behind an entry of a predicted layer, for "Open File from Layer".
 * No `vscode` import, so it runs under plain mocha.
 */
import type { Analysis } from '../../core/analysis/types';
import type { ContextFile } from '../openContextFile';
import { namedContextFile, sourceOfOrigin } from '../panel/sourceOf';

/**
 * Finds the context file that step `step` of `analysis` copied to `imagePath`, or explains why
 * there is none. The step counts in the chain of `analysis`, so the caller passes the analysis
 * of the row's own stage chain. `namedFolders` contains the folders of the Dockerfile's named build
 * contexts, by name, for a file that a `COPY --from` took from one.
 */
export function predictedContextFile(analysis: Analysis, step: number, imagePath: string, namedFolders?: Readonly<Record<string, string>>): { file: ContextFile } | { error: string } {
  const entry = analysis.stack.layers[step]?.entries.find((classified) => classified.entry.path === imagePath)?.entry;
  if (!entry) return { error: `Step #${step} does not change ${imagePath}, so its layer has no such file.` };

  let source = sourceOfOrigin(imagePath, entry.origin, analysis.steps[step], analysis.contextPath, analysis.stages);
  if (source.kind === 'named-context') {
    const named = namedContextFile(imagePath, source, namedFolders);
    if (named.kind === 'file') return { file: { hostPath: named.hostPath, contextPath: named.contextPath, imagePath } };
    source = named;
  }
  if (source.kind === 'file') return { file: { hostPath: source.hostPath, contextPath: analysis.contextPath, imagePath } };
  const reason = source.kind === 'none' ? source.message : `${imagePath} comes from line ${source.line} of the Dockerfile, not from a build-context file.`;
  return { error: `${reason} Step #${step} is predicted, and only layers read from an image linked with "Analyze Image..." have files of their own to open.` };
}
