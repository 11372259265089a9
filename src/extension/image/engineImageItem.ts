/** The picker row of one container-engine image in "Analyze Image...". No `vscode` import. */
import type { EngineImageSummary } from '../../core/image/engine/client';
import { formatBytes } from '../format';

/** The texts of a picker row, and the name that reads the image from the engine. */
export interface EngineImageItem {
  label: string;
  description: string;
  detail?: string;
  name: string;
}

/**
 * Describes an engine image: its first tag, with its short ID and size beside it and its other
 * tags below. An untagged image has no name to show, so the label states that and the full ID goes
 * below, instead of repeating the ID in the label and the description.
 */
export function engineImageItem(image: EngineImageSummary): EngineImageItem {
  const tags = image.repoTags.filter((tag) => tag !== '<none>:<none>');
  const description = `${shortId(image.id)} · ${formatBytes(image.size)}`;
  if (tags.length === 0) return { label: '<untagged>', description, detail: image.id, name: image.id };
  const detail = tags.slice(1).join(', ');
  return detail === '' ? { label: tags[0], description, name: tags[0] } : { label: tags[0], description, detail, name: tags[0] };
}

/** Returns the 12 hex digits that `docker images` shows as an image's ID. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
