/** Tells whether an image read apart is the base image a linked image was built on. */
import type { DockerfileLink } from './linkDockerfile';
import type { ImageData } from './types';

/**
 * Returns whether `base` has the linked image's base layers: the diff IDs of its layers, in order,
 * are those of the layers made by the link's base entries. A tag that moved after the build, by a
 * pull or a rebuild, names an image with other layers, whose configuration is not the base's.
 */
export function hasLinkedBaseLayers(base: ImageData, linked: ImageData, link: DockerfileLink): boolean {
  const linkedBase = linked.steps.slice(0, link.mapping.baseEntries).flatMap((step) => (step.layer === null ? [] : [linked.layers[step.layer].diffId]));
  if (base.layers.length !== linkedBase.length) return false;
  return base.layers.every((layer, index) => layer.diffId === linkedBase[index]);
}
