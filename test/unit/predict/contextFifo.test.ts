/**
 * A FIFO (named pipe) in the build context. Docker 20.10's classic builder and buildah store it as
 * a FIFO entry of size 0 (`prw-r--r-- app/pipe`). The model has no FIFO type, so the prediction
 * lists it as an empty file, marked estimated, and the rest of the layer stays exact.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { certaintiesAt, changesAt, makeContext, removeContexts, stepAt, testImages } from './helpers';

/** Analyses `dockerfile` against a context with a.txt and a FIFO at `pipe`. Nothing may open the FIFO, or this waits for a writer until the test times out. */
function predictWithFifo(dockerfile: string, builder: BuilderKind): Promise<Analysis> {
  const root = makeContext({ Dockerfile: dockerfile, 'a.txt': 'abc' });
  execFileSync('mkfifo', [join(root, 'pipe')]);
  return analyze({ dockerfilePath: join(root, 'Dockerfile'), text: dockerfile, images: testImages, builder });
}

describe('context FIFO', () => {
  after(removeContexts);

  for (const builder of ['buildkit', 'classic'] as const) {
    it(`COPY . lists it as an empty file (${builder})`, async () => {
      const analysis = await predictWithFifo('FROM scratch\nCOPY . /app/\n', builder);
      const step = stepAt(analysis, 2);
      assert.deepEqual(changesAt(analysis, 2), ['/app added directory', '/app/Dockerfile added file', '/app/a.txt added file', '/app/pipe added file']);
      assert.deepEqual(certaintiesAt(analysis, 2), ['/app exact', '/app/Dockerfile exact', '/app/a.txt exact', '/app/pipe estimated']);
      const pipe = analysis.stack.layers[step.index].entries.find(({ entry }) => entry.path === '/app/pipe')?.entry;
      assert.equal(pipe?.op === 'write' ? pipe.size : undefined, 0);
      assert.equal(step.certainty, 'estimated');
      assert.deepEqual(step.notes.filter((note) => note.includes('FIFO')), [
        'COPY copies FIFOs (named pipes) as FIFOs, which this prediction lists as empty files, marked estimated: /app/pipe.',
      ]);
    });
  }

  it('ADD of the FIFO alone', async () => {
    const analysis = await predictWithFifo('FROM scratch\nADD pipe /srv/\n', 'buildkit');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/srv exact', '/srv/pipe estimated']);
    assert.deepEqual(stepAt(analysis, 2).notes.filter((note) => note.includes('FIFO')), [
      'ADD copies FIFOs (named pipes) as FIFOs, which this prediction lists as empty files, marked estimated: /srv/pipe.',
    ]);
  });
});
