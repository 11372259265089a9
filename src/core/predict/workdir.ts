/** Predicts the layer of a WORKDIR: the directory and its missing parents, mode 0755. */
import type { PlannedStep } from '../dockerfile/plan';
import { ancestorPaths } from '../model/paths';
import type { Layer } from '../model/layer';
import type { LayerStack } from '../model/stack';
import { createdDirectory, LayerWriter } from './layerWriter';
import type { StepPrediction } from './copy';

export function predictWorkdir(step: PlannedStep, below: LayerStack): Layer {
  const writer = new LayerWriter(below);
  const path = step.workdirPath ?? '/';
  if (path !== '/' && !below.lookup(path)) writer.write(createdDirectory(path, { kind: 'workdir' }, 'exact'));
  return writer.finish();
}

/**
 * Reports a WORKDIR at or below a file of a lower layer: the builder's mkdir of the folder fails
 * there with "not a directory", whether or not the WORKDIR makes a layer.
 */
export function workdirProblems(step: PlannedStep, below: LayerStack): StepPrediction['problems'] {
  const path = step.workdirPath ?? '/';
  for (const candidate of [...ancestorPaths(path), path]) {
    const type = below.lookup(candidate)?.entry.type;
    if (type !== 'file' && type !== 'hardlink') continue;
    return [{ severity: 'error', message: `${candidate} is a file in a lower layer, so WORKDIR cannot make the folder ${path} ("not a directory"). The build fails on this line.` }];
  }
  return [];
}
