/** Turns layers read from an image into the `KnownImage` a prediction stacks on. */
import { makeLayer, type WriteEntry } from '../model/layer';
import { mergedPaths } from '../model/merged';
import { LayerStack } from '../model/stack';
import type { KnownImage } from '../predict/baseImage';
import { plainWrite } from './tarWrite';
import type { ImageData } from './types';

/**
 * Flattens the layers made by the first `historyEntries` history entries of an image (all of
 * them by default) into one layer: the merged filesystem those layers show, every entry exact.
 * NOTE: `textFiles` stays empty because the readers keep no file contents, so `--chown` with a
 * user name falls back to what the prediction assumes for an unknown base.
 */
export function knownImageOf(image: ImageData, historyEntries = image.steps.length): KnownImage {
  const stack = new LayerStack();
  for (const step of image.steps.slice(0, historyEntries)) {
    if (step.layer !== null) stack.push(image.layers[step.layer].layer);
  }
  const entries: WriteEntry[] = mergedPaths(stack).map(({ entry }) => {
    // The flattened copy keeps no opaque mark: nothing lies below a base image.
    const flat = plainWrite(entry);
    flat.certainty = 'exact';
    delete flat.opaque;
    return flat;
  });
  return { layer: makeLayer(entries) };
}
