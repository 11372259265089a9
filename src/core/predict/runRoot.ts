/**
 * The root folder in a RUN's layer. A RUN can change `/` itself (`chmod 777 /`), but the builders
 * measured here record no entry for `/` in the layer, so the next step finds `/` as it was.
 */
import type { BuilderKind } from '../dockerfile/builders';
import type { StepPrediction } from './copy';

/**
 * Builders whose RUN layers were seen without `/`. Docker Engine 20.10's classic builder (vfs)
 * recorded `RUN chmod 777 /` as an empty layer, and buildah 1.28.2 `bud --layers` (vfs and
 * overlay) recorded no `./` entry for it. In both, the next RUN found `/` with its mode from before.
 * NOTE: BuildKit's differs also skip the root (its overlay upperdir differ and containerd
 * continuity's double walk), but whether its next RUN finds the changed `/` was not measured, so
 * BuildKit keeps the entry.
 */
const rootlessLayers: ReadonlySet<BuilderKind> = new Set(['classic', 'buildah']);

/**
 * Returns the RUN's prediction without its exact entry for `/`, under a builder whose layers have
 * none. The layer keeps its certainty. An estimated `/` stays, because the notes of the RUN
 * already explain its doubt.
 */
export function withoutRootEntry(prediction: StepPrediction, builder: BuilderKind): StepPrediction {
  if (!rootlessLayers.has(builder)) return prediction;
  const { layer } = prediction;
  const entries = layer.entries.filter((entry) => entry.path !== '/' || entry.certainty !== 'exact');
  if (entries.length === layer.entries.length) return prediction;
  return { ...prediction, layer: { ...layer, entries } };
}
