/** Tells whether an image read apart is the base image a linked image was built on. */
import type { DockerfileLink } from './linkDockerfile';
import type { ImageData } from './types';

/**
 * Returns whether an image with the layer diff IDs `baseDiffIds`, bottom first, has the linked
 * image's base layers: they are, in order, those of the layers made by the link's base entries.
 * A tag that moved after the build, by a pull or a rebuild, names an image with other layers,
 * whose configuration is not the base's.
 */
export function hasLinkedBaseLayers(baseDiffIds: readonly string[], linked: ImageData, link: DockerfileLink): boolean {
  const linkedBase = linked.steps.slice(0, link.mapping.baseEntries).flatMap((step) => (step.layer === null ? [] : [linked.layers[step.layer].diffId]));
  if (baseDiffIds.length !== linkedBase.length) return false;
  return baseDiffIds.every((diffId, index) => diffId === linkedBase[index]);
}
