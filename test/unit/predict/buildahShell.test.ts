/**
 * buildah's default OCI image format has no SHELL: buildah 1.28.2 warns "SHELL is not supported
 * for OCI image format" and runs later RUNs under `/bin/sh -c`, so `$0` is `/bin/sh` there.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { defaultPath } from '../../../src/core/predict/run/script';
import { folderEntry, linkEntry, predict, programEntry, removeContexts } from './helpers';

/** BusyBox as /bin/busybox with /bin/sh and /bin/echo linked to it, and the builder's default PATH. */
const busybox: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), linkEntry('/bin/sh', 'busybox'), linkEntry('/bin/echo', 'busybox')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

const dockerfile = 'FROM busybox\nSHELL ["/bin/busybox", "ash", "-c"]\nRUN echo "$0" > /z.txt\n';

function run(builder: BuilderKind): Promise<Analysis> {
  return predict(dockerfile, {}, { builder, images: (reference) => (reference === 'busybox' ? busybox : undefined) });
}

/** Returns the text that the prediction writes to `path`. */
function textAt(analysis: Analysis, path: string): string | undefined {
  const origin = analysis.stack.lookup(path)?.entry.origin;
  return origin?.kind === 'run-text' ? origin.text : undefined;
}

describe('SHELL under buildah OCI format', () => {
  after(removeContexts);

  it('buildah, SHELL busybox ash then RUN echo $0', async () => {
    const analysis = await run('buildah');
    assert.equal(textAt(analysis, '/z.txt'), '/bin/sh\n');
    const infos = analysis.problems.filter((problem) => problem.line === 2).map((problem) => `${problem.severity} ${problem.message}`);
    assert.equal(infos.length, 1);
    assert.match(infos[0], /^info buildah writes the OCI image format by default, which has no SHELL/);
  });

  it('classic, SHELL busybox ash then RUN echo $0', async () => {
    const analysis = await run('classic');
    assert.equal(textAt(analysis, '/z.txt'), 'ash\n');
    assert.deepEqual(analysis.problems.filter((problem) => problem.line === 2), []);
  });
});
