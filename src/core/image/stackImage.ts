/** Stacks an image's layers into a `LayerStack`, one stack layer per history entry. */
import { makeLayer } from '../model/layer';
import { LayerStack } from '../model/stack';
import type { ImageData } from './types';

export interface StackedImage {
  /** Stack layer `i` is step `i`: history entries without a layer push an empty layer. */
  stack: LayerStack;
  /** Whiteouts of paths that no lower layer has (harmless, but a sign of a sloppy builder). */
  problems: string[];
}

/** Stacks the layers for showing them; the writes spell their paths through this stack's tree. */
export function stackImage(image: ImageData): StackedImage {
  const stack = new LayerStack({ placeWrites: true });
  const problems: string[] = [];
  for (const step of image.steps) {
    const layer = step.layer === null ? makeLayer([]) : image.layers[step.layer].layer;
    const stacked = stack.push(layer);
    for (const classified of stacked.entries) {
      if (classified.change === 'deleted' && classified.lowerLayer === undefined) {
        problems.push(`${image.source}: layer ${stacked.index}: the whiteout of ${classified.entry.path} deletes a path that no lower layer has.`);
      }
    }
  }
  return { stack, problems };
}
