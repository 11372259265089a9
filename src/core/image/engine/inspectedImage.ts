/**
 * The configuration and layer diff IDs of an engine image, read with one inspect request
 * (`GET /images/NAME/json`) instead of an export, which would stream every layer.
 */
import { ArchiveError } from '../../archive/errors';
import type { BaseImageConfig } from '../../dockerfile/plan';
import { imageConfig } from '../knownImage';
import { apiAdvice, type EngineClient } from './client';
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
    throw new ArchiveError(`${describeEndpoint(client.endpoint)}: the inspect response for the image ${name} ${layersProblem(layers)}, so the image's layers are unknown. ${apiAdvice(name)}`);
  }
  // `Config` of the inspect response is the `config` object of the image's configuration file.
  return { id: typeof response?.Id === 'string' ? response.Id : name, diffIds: layers, config: imageConfig({ config: response?.Config }) };
}

/** Describes what is wrong with the `RootFS.Layers` value of an inspect response, which should be a list of diff ID strings. */
function layersProblem(layers: unknown): string {
  if (!Array.isArray(layers)) return layers === undefined ? 'has no RootFS.Layers list' : 'has a RootFS.Layers that is not a list';
  const index = layers.findIndex((layer) => typeof layer !== 'string');
  // JSON text shows the value as the engine sent it, cut to 40 characters so that a long value stays readable in the log.
  return `has ${String(JSON.stringify(layers[index])).slice(0, 40)} at RootFS.Layers[${index}], where a diff ID string belongs`;
}
