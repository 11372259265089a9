/**
 * The hover's purpose sentence of a SHELL line, which must hold under buildah's default OCI image
 * format too: buildah 1.28.2 drops the SHELL there, as the info on that line states.
 */
import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { defaultPath } from '../../../src/core/predict/run/script';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { folderEntry, linkEntry, predict, programEntry, removeContexts } from '../predict/helpers';

const busybox: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), linkEntry('/bin/sh', 'busybox')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

const purpose = "it sets the shell for the later shell-form RUN, CMD and ENTRYPOINT, except under buildah's default OCI image format, which drops it.";

async function shellHover(builder: BuilderKind): Promise<string> {
  const dockerfile = 'FROM busybox\nSHELL ["/bin/busybox", "ash", "-c"]\nRUN echo "$0" > /z.txt\n';
  const analysis = await predict(dockerfile, {}, { builder, images: (reference) => (reference === 'busybox' ? busybox : undefined) });
  const step = stepAtLine(analysis, 2);
  assert.ok(step, 'no step on line 2');
  return renderStepHover(analysis, step, 'file:///project/Dockerfile');
}

describe('hover of a SHELL line', () => {
  after(removeContexts);

  it('buildah OCI format keeps /bin/sh', async () => {
    const hover = await shellHover('buildah');
    assert.ok(hover.includes(purpose), hover);
  });

  it('classic uses the SHELL', async () => {
    const hover = await shellHover('classic');
    assert.ok(hover.includes(purpose), hover);
  });
});
