/**
 * Warns where a base image read from the container engine, or the image linked to the
 * Dockerfile, is for another platform than `layerLens.platform`, since the prediction then
 * stacks on or is compared with files of the wrong platform.
 * Pure (no `vscode` import); the comparison is the core's, shared with the CLI's `--platform`.
 */
import type { Analysis, Problem, StageInfo } from '../../core/analysis/types';
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

/**
 * Returns a warning on the first FROM line of the target's chain when the image linked to the
 * Dockerfile is for another platform than `layerLens.platform`. A chain whose first FROM has its
 * own `--platform` gets none, because that flag, not the setting, chooses the image's platform.
 * NOTE: a linked multi-platform index is read for the host's platform, not for the setting's.
 */
export function linkedPlatformProblems(analysis: Analysis, platform: string | undefined, image: ImageData): Problem[] {
  const mismatch = findPlatformMismatch(platform, image.platform, image.platforms);
  const root = chainRoot(analysis);
  if (!mismatch || root?.platform) return [];
  const line = root?.line ?? 1;
  const message =
    `layerLens.platform "${mismatch.requested}" does not match the linked image ${image.source}, which is for ${mismatch.actual}, ` +
    `so Layer Lens compares a ${mismatch.requested} prediction with a ${mismatch.actual} image. Link a ${mismatch.requested} image, or set layerLens.platform to ${mismatch.actual}.`;
  return [{ line, endLine: line, severity: 'warning', scope: 'build', message }];
}

/** Returns the stage at the start of the target's chain: the one whose FROM names an image. */
function chainRoot(analysis: Analysis): StageInfo | undefined {
  let stage = analysis.stages[analysis.target];
  const seen = new Set<number>();
  while (stage && stage.parentStage !== null && !seen.has(stage.index)) {
    seen.add(stage.index);
    stage = analysis.stages[stage.parentStage];
  }
  return stage;
}
