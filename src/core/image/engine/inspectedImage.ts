/**
 * The configuration and layer diff IDs of an engine image, read with one inspect request
 * (`GET /images/NAME/json`) instead of an export, which would stream every layer.
 */
import { ArchiveError } from '../../archive/errors';
import type { BaseImageConfig } from '../../dockerfile/plan';
import { imageConfig } from '../knownImage';
import type { EngineClient } from './client';
import { describeEndpoint } from './endpoint';

export interface InspectedImage {
  /** The image ID (`Id`), which names the image in messages. */
  id: string;
  /** The diff IDs of the image's layers, bottom first (`RootFS.Layers`). */
  diffIds: string[];
  /** The parts of `Config` that a plan uses; `undefined` when the response has no `Config` object. */
  config: BaseImageConfig | undefined;
}

/** Inspects the image `name` and returns its diff IDs and configuration, or rejects with an `ArchiveError`. */
export async function inspectImageLayers(client: EngineClient, name: string, signal?: AbortSignal): Promise<InspectedImage> {
  const response = (await client.inspectImage(name, signal)) as { Id?: unknown; Config?: unknown; RootFS?: { Layers?: unknown } } | null;
  const layers = response?.RootFS?.Layers;
  if (!Array.isArray(layers) || !layers.every((layer): layer is string => typeof layer === 'string')) {
    throw new ArchiveError(`${describeEndpoint(client.endpoint)}: the inspect response for the image ${name} has no RootFS.Layers list of diff IDs.`);
  }
  // `Config` of the inspect response is the `config` object of the image's configuration file.
  return { id: typeof response?.Id === 'string' ? response.Id : name, diffIds: layers, config: imageConfig({ config: response?.Config }) };
}
