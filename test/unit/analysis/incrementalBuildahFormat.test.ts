/**
 * buildah's image format decides which shell a RUN runs under: its OCI format ignores SHELL lines
 * and a base image's recorded shell, its Docker format keeps both. A run with the other format
 * must predict such RUNs again, as the editor reuses one `IncrementalPredictions` when the
 * `layerLens.buildahFormat` setting changes.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze, type AnalyzeInput } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions, type RunInputs } from '../../../src/core/analysis/incremental';
import type { Analysis } from '../../../src/core/analysis/types';
import { ignoreFileOptions } from '../../../src/core/context/ignoreFile';
import { walkContext } from '../../../src/core/context/walk';
import type { BuildPlan } from '../../../src/core/dockerfile/plan';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import type { PredictionReuse } from '../../../src/core/predict/predict';
import { changesAt, makeContext, removeContexts, shellOnlyImage } from '../predict/helpers';

/** Leaves the format out of the run key, so that only the step keys can tell the two runs apart. */
class FormatBlindPredictions extends IncrementalPredictions {
  override begin(file: string, plan: BuildPlan, inputs: RunInputs): PredictionReuse {
    return super.begin(file, plan, { ...inputs, buildahFormat: undefined });
  }
}

/** Returns an image with only `/bin/sh`, whose configuration records a shell that it lacks. */
function recordedShellImage(): KnownImage {
  return { ...shellOnlyImage(), config: { env: new Map(), shell: ['/bin/nosuch', '-c'] } };
}

function errors(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.line}: ${problem.message}`);
}

async function baseInput(dockerfile: string): Promise<Omit<AnalyzeInput, 'buildahFormat'>> {
  const root = makeContext({ Dockerfile: dockerfile });
  const dockerfilePath = join(root, 'Dockerfile');
  // The same context and image objects on every run, as the editor passes them.
  const context = await walkContext(root, ignoreFileOptions('buildah', dockerfilePath));
  const images = new Map([['shell-only', shellOnlyImage()], ['recorded-shell', recordedShellImage()]]);
  return { context, dockerfilePath, text: dockerfile, images: (reference) => images.get(reference), builder: 'buildah', forHovers: true };
}

/** Analyses with the OCI format and then the Docker format on one store, and checks the second run against a fresh one. */
async function assertSwitchPredictsAgain(dockerfile: string, incremental: IncrementalPredictions, line: number): Promise<void> {
  const input = await baseInput(dockerfile);
  const freshOci = await analyze({ ...input, buildahFormat: 'oci' });
  const freshDocker = await analyze({ ...input, buildahFormat: 'docker' });
  // Without a difference between the formats the check below would prove nothing.
  assert.notDeepEqual(errors(freshDocker), errors(freshOci));

  await analyze({ ...input, buildahFormat: 'oci', incremental });
  const switched = await analyze({ ...input, buildahFormat: 'docker', incremental });
  assert.deepEqual(changesAt(switched, line), changesAt(freshDocker, line));
  assert.deepEqual(errors(switched), errors(freshDocker));
}

const shellLine = 'FROM shell-only\nSHELL ["/bin/nosuch", "-c"]\nRUN touch /a\n';
const recordedShell = 'FROM recorded-shell\nRUN touch /a\n';

describe('incremental predictions across buildah formats', () => {
  after(removeContexts);

  it('SHELL line, format switched', async () => {
    await assertSwitchPredictsAgain(shellLine, new IncrementalPredictions(), 3);
  });

  it('SHELL line, step keys alone', async () => {
    await assertSwitchPredictsAgain(shellLine, new FormatBlindPredictions(), 3);
  });

  it('base image shell, format switched', async () => {
    await assertSwitchPredictsAgain(recordedShell, new IncrementalPredictions(), 2);
  });

  it('base image shell, step keys alone', async () => {
    await assertSwitchPredictsAgain(recordedShell, new FormatBlindPredictions(), 2);
  });
});
