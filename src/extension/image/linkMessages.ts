/**
 * The notifications of linking an image to a Dockerfile and of unlinking it. The Dockerfile is
 * named by its path in the workspace, because a workspace often has several files named Dockerfile.
 */
import { plural } from '../format';

export function linkedMessage(image: string, dockerfile: string, mappedSteps: number): string {
  return `Layer Lens: linked ${image} to ${dockerfile}. The hover, the Image Layers view and the panel show its layers on ${plural(mappedSteps, 'line')}.`;
}

export function noMatchMessage(image: string, dockerfile: string): string {
  return `Layer Lens: no layer of ${image} matches a line of ${dockerfile}. The Problems view says why.`;
}

export function unlinkedMessage(dockerfile: string): string {
  return `Layer Lens: unlinked the image from ${dockerfile}; the views show the prediction again.`;
}

export function nothingLinkedMessage(dockerfile: string): string {
  return `Layer Lens: no image is linked to ${dockerfile}.`;
}

/**
 * Builds the error of an image that could not be read. A failed read keeps the earlier link, so
 * the message names the image the views still show, when there is one.
 */
export function readFailedMessage(source: string, reason: string, kept: { image: string; dockerfile: string } | undefined): string {
  const failed = `Layer Lens could not read ${source}: ${reason}`;
  if (!kept) return failed;
  const sentence = /[.!?]$/.test(failed) ? failed : `${failed}.`;
  return `${sentence} The views keep showing ${kept.image}, which stays linked to ${kept.dockerfile}.`;
}
