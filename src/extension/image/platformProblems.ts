/**
 * Warns where a base image read from the container engine is for another platform than
 * `layerLens.platform`, since the prediction then stacks on files of the wrong platform.
 * Pure (no `vscode` import); the comparison is the core's, shared with the CLI's `--platform`.
 */
import type { Analysis, Problem } from '../../core/analysis/types';
import { findPlatformMismatch, linesOnRequestedPlatform } from '../../core/image/platformMismatch';
import type { ImageData } from '../../core/image/types';

/**
 * Returns one warning per line that uses an engine image of another platform: the FROM line of
 * each stage built on it, or line 1 for an image that only `COPY --from` reads.
 * A stage with its own `FROM --platform` is left out, because that flag, not the setting, chooses its platform.
 */
export function basePlatformProblems(analysis: Analysis, platform: string | undefined, images: ReadonlyMap<string, ImageData>): Problem[] {
  const problems: Problem[] = [];
  for (const [reference, image] of images) {
    const mismatch = findPlatformMismatch(platform, image.platform, image.platforms);
    if (!mismatch) continue;
    const message =
      `layerLens.platform "${mismatch.requested}" does not match the base image ${reference} in the container engine, which is for ${mismatch.actual} only, ` +
      `so Layer Lens stacks the prediction on that ${mismatch.actual} image. Give the engine a ${mismatch.requested} image of ${reference}, or set layerLens.platform to ${mismatch.actual}.`;
    for (const line of linesOnRequestedPlatform(analysis.stages, reference)) problems.push({ line, endLine: line, severity: 'warning', scope: 'build', message });
  }
  return problems;
}
