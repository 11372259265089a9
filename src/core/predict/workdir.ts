/** Predicts the layer of a WORKDIR: the directory and its missing parents, mode 0755. */
import type { PlannedStep } from '../dockerfile/plan';
import type { Layer } from '../model/layer';
import type { LayerStack } from '../model/stack';
import { createdDirectory, LayerWriter } from './layerWriter';

export function predictWorkdir(step: PlannedStep, below: LayerStack): Layer {
  const writer = new LayerWriter(below);
  const path = step.workdirPath ?? '/';
  if (path !== '/' && !below.lookup(path)) writer.write(createdDirectory(path, { kind: 'workdir' }, 'exact'));
  return writer.finish();
}
