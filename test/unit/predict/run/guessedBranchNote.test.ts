/**
 * The note "Whether this RUN writes PATH depends on the exit status of ..." belongs only to a RUN
 * where a command before the write has a status the prediction guesses. An estimate with another
 * reason (a BusyBox applet the image may lack, output that races with a background job) gets
 * that reason's note instead.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { certaintiesAt, folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt } from '../helpers';

/** Debian's busybox-static as /bin/busybox, with symbolic links made by hand, one of them `install`. */
const busyboxStatic: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), ...['sh', 'echo', 'grep', 'install'].map((name) => linkEntry(`/bin/${name}`, 'busybox'))], certainty: 'exact' },
  config: { env: new Map() },
};

function run(script: string): Promise<Analysis> {
  return predict(`FROM busybox-static\nRUN ${script}\n`, {}, { images: (reference) => (reference === 'busybox-static' ? busyboxStatic : undefined) });
}

/** Returns the notes of the RUN on line 2 that start with `start`. */
function notesStarting(analysis: Analysis, start: string): string[] {
  return stepAt(analysis, 2).notes.filter((note) => note.startsWith(start));
}

const guessNote = 'Whether this RUN writes';

describe('note on a guessed exit status', () => {
  after(removeContexts);

  it('install -d /x through a BusyBox link', async () => {
    const analysis = await run('install -d /x');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/x estimated']);
    assert.deepEqual(notesStarting(analysis, guessNote), []);
    assert.equal(notesStarting(analysis, '"install" runs BusyBox through a link').length, 1);
  });

  it('{ echo a & echo b; } > /f', async () => {
    const analysis = await run('{ echo a & echo b; } > /f');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/f estimated']);
    assert.deepEqual(notesStarting(analysis, guessNote), []);
    assert.deepEqual(notesStarting(analysis, 'The text this RUN writes to /f'), [
      'The text this RUN writes to /f comes from commands, files or values that the prediction does not know exactly, so its content and size are estimates.',
    ]);
  });

  it('if grep ...; then install -d /y; fi', async () => {
    const analysis = await run('if grep -q a /etc/x; then install -d /y; fi');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/y estimated']);
    assert.deepEqual(notesStarting(analysis, guessNote), [
      'Whether this RUN writes /y depends on the exit status of "grep -q a /etc/x", which the prediction can only guess.',
    ]);
  });
});
