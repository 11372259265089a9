/**
 * Finds the paths a predicted layer writes again unchanged, which a layer built on vfs storage
 * leaves out. vfs compares whole trees and stores no file a step left as it was, while overlay
 * storage, which the prediction models, stores such a file again.
 */
import type { WriteEntry } from '../model/layer';
import { isUnchangedRewrite, sameFileAttributes } from '../model/unchangedRewrite';
import type { StackedView } from './layerEffect';

/**
 * Keeps those of `paths` that the predicted layer writes again as they were below it, such as a
 * file a chmod sets to the mode it has, and that the image's lower layers show as the same file.
 * A path the image has nowhere below is a misprediction, which vfs storage does not explain.
 */
export function unchangedRewrites(predicted: StackedView, built: StackedView, paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const { stack, layer } = predicted;
  const rewrites = new Map<string, WriteEntry>();
  for (const { entry, change } of layer.entries) {
    if (entry.op === 'write' && change === 'modified') rewrites.set(entry.path, entry);
  }
  return paths.filter((path) => {
    const entry = rewrites.get(path);
    return entry !== undefined && isUnchangedRewrite(stack, layer.index, entry) && imageHasBelow(built, entry);
  });
}

/**
 * Returns whether the image's layers below the built one show the file `rewrite` writes with its
 * size, mode and owner, and with its content where both digests are known. Predicted writes of
 * build context files carry no digest, so their content is left to the comparison of the lower
 * layer that wrote them.
 */
function imageHasBelow({ stack, layer }: StackedView, rewrite: WriteEntry): boolean {
  const lower = stack.lookup(rewrite.path, layer.index - 1)?.entry;
  return lower !== undefined && lower.type === 'file' && sameFileAttributes(rewrite, lower);
}
