/**
 * The source of a merged path's content, for the panel's "open" action and the Image Layers
 * view's "Open Source File". It is a file of the build context or of a named build context. It is
 * the Dockerfile line of a heredoc, of a RUN that writes text or of a `COPY --from` of another
 * stage. Otherwise it is a message that explains why there is nothing to open. No `vscode`
 * import, so it runs under plain mocha.
 */
import * as path from 'node:path';
import type { Analysis, StageInfo, Step } from '../../core/analysis/types';
import type { EntryOrigin } from '../../core/model/layer';
import { isInsideFolder } from '../../core/files/insideFolder';
import { stageLabel } from '../format';

export type PathSource =
  | { kind: 'file'; hostPath: string }
  /**
   * `path` of the named build context `context` (`--build-context NAME=DIR`). The analysis keeps
   * no folder for it, so the caller resolves one with `namedContextFile` from the Dockerfile's settings.
   */
  | { kind: 'named-context'; context: string; path: string }
  | { kind: 'line'; line: number }
  | { kind: 'none'; message: string };

/** Names stage `index` as the panel's stage list does: `stage build`, or `stage 1` for a stage without a name. */
function stageName(index: number, stages: readonly StageInfo[]): string {
  const stage = stages[index];
  return `stage ${stage ? stageLabel(stage) : index}`;
}

/** Describes an origin that has no file to open, as the end of a sentence. */
function describeOrigin(origin: EntryOrigin | undefined, stages: readonly StageInfo[]): string {
  switch (origin?.kind) {
    case 'stage':
      return `it is copied from ${origin.path} of ${stageName(origin.stage, stages)}`;
    case 'image':
      return `it is copied from ${origin.path} of the image ${origin.reference}`;
    case 'archive':
      return `it is the member ${origin.member} of the archive ${origin.archive}`;
    case 'url':
      return `it is downloaded from ${origin.url}`;
    case 'workdir':
      return 'WORKDIR creates it';
    case 'parent':
      return 'it is created as the parent directory of a copied path';
    case 'run-text':
      return origin.appended ? 'a RUN appends text to it' : 'a RUN writes its text';
    case 'assumed-base':
      return 'it is assumed to exist in the base image';
    case 'layer-tar':
      return `it is read from the layer tar ${origin.name}`;
    default:
      return 'its origin is not known';
  }
}

/** Returns the `--from` value among the flags that follow the instruction keyword, if any. */
function namedContextOf(instruction: string): string | undefined {
  return /^\s*\w+(?:\s+--\S+)*?\s+--from=(\S+)/i.exec(instruction)?.[1];
}

/**
 * Finds the source of `imagePath` as the merged filesystem shows it at layer `layer`. A context
 * file is returned only when it lies inside the build context.
 */
export function sourceOf(analysis: Analysis, imagePath: string, layer: number): PathSource {
  if (layer < 0 || layer > analysis.stack.top) return { kind: 'none', message: `Layer ${layer} does not exist in the analysis of this Dockerfile.` };
  const version = analysis.stack.lookup(imagePath, layer);
  if (!version) return { kind: 'none', message: `${imagePath} is not in the merged filesystem as of layer ${layer}.` };
  return sourceOfOrigin(imagePath, version.entry.origin, analysis.steps[version.layer], analysis.contextPath, analysis.stages);
}

/**
 * Finds the source of the version of `imagePath` that `step` wrote with `origin`: a file inside
 * `contextPath`, a file of a named build context, or the step's line. The line is the source of
 * text the Dockerfile itself contains (a heredoc, or text a RUN writes) and of a copy from another
 * stage, whose files exist only in a build. Messages name stages from `stages`, or by number when it is left out.
 */
export function sourceOfOrigin(imagePath: string, origin: EntryOrigin | undefined, step: Step | undefined, contextPath: string, stages: readonly StageInfo[] = []): PathSource {
  if (origin?.kind === 'context') {
    // The step's --from names the context for an origin recorded without its name.
    const named = origin.context ?? (step === undefined ? undefined : namedContextOf(step.text));
    if (named !== undefined) return { kind: 'named-context', context: named, path: origin.path };
    const hostPath = path.resolve(contextPath, origin.path);
    if (!isInsideFolder(contextPath, hostPath)) {
      return { kind: 'none', message: `${imagePath} comes from ${origin.path}, which is outside the build context.` };
    }
    return { kind: 'file', hostPath };
  }
  if ((origin?.kind === 'heredoc' || origin?.kind === 'run-text' || origin?.kind === 'stage') && step) return { kind: 'line', line: step.line };
  return { kind: 'none', message: `${imagePath} has no file in the build context to open: ${describeOrigin(origin, stages)}.` };
}

/**
 * Resolves a file of a named build context against `folders`, the absolute folders of the
 * Dockerfile's `namedContexts` setting by context name. Returns the file with the folder it must
 * stay inside, or a message when no folder is set or the path climbs out of it.
 */
export function namedContextFile(
  imagePath: string,
  source: { context: string; path: string },
  folders: Readonly<Record<string, string>> | undefined,
): { kind: 'file'; hostPath: string; contextPath: string } | { kind: 'none'; message: string } {
  const folder = folders?.[source.context];
  if (folder === undefined) {
    return {
      kind: 'none',
      message:
        `${imagePath} comes from ${source.path} of the named build context "${source.context}", but the Dockerfile's layerLens.buildContexts entry ` +
        `now sets no namedContexts folder for "${source.context}", so Layer Lens cannot open the file. Set one, as --build-context ${source.context}=DIR does.`,
    };
  }
  const hostPath = path.resolve(folder, source.path);
  if (!isInsideFolder(folder, hostPath)) {
    return { kind: 'none', message: `${imagePath} comes from ${source.path}, which is outside the named build context "${source.context}" (${folder}).` };
  }
  return { kind: 'file', hostPath, contextPath: folder };
}
