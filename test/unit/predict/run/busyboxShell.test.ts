/**
 * BusyBox run by name: a SHELL of `/bin/busybox sh -c` and a `busybox APPLET` command. Each
 * expected `$0` and error is what Debian's busybox-static 1.35 prints for `busybox sh -c SCRIPT`.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt } from '../helpers';

/** Debian's busybox-static as /bin/busybox with a few applet links, and the builder's default PATH. */
const busyboxStatic: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), ...['sh', 'echo', 'mkdir'].map((name) => linkEntry(`/bin/${name}`, 'busybox'))], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

function run(dockerfile: string): Promise<Analysis> {
  return predict(dockerfile, {}, { images: (reference) => (reference === 'busybox-static' ? busyboxStatic : undefined) });
}

/** Returns the text that the prediction writes to `path`, with its certainty. */
function textAt(analysis: Analysis, path: string): string {
  const origin = analysis.stack.lookup(path)?.entry.origin;
  return `${origin?.kind === 'run-text' ? JSON.stringify(origin.text) : 'no text'} ${stepCertainty(analysis, path)}`;
}

/** Returns the certainty of the step whose layer writes `path`. */
function stepCertainty(analysis: Analysis, path: string): string {
  return analysis.steps.find((step) => analysis.stack.layers[step.index].entries.some(({ entry }) => entry.path === path))?.certainty ?? 'not written';
}

describe('BusyBox run by name', () => {
  after(removeContexts);

  const zeroCases: Array<[string, string, string]> = [
    ['SHELL ["/bin/busybox", "sh", "-c"]', 'RUN echo "$0" > /f', '"sh\\n" exact'],
    ['SHELL ["/bin/busybox", "ash", "-c"]', 'RUN echo "$0" > /f', '"ash\\n" exact'],
    ['SHELL ["busybox", "sh", "-c"]', 'RUN echo "$0" > /f', '"sh\\n" exact'],
    ['ENV A=1', 'RUN ["/bin/busybox", "sh", "-c", "echo $0 > /f"]', '"sh\\n" exact'],
    ['ENV A=1', 'RUN ["/bin/busybox", "sh", "-c", "echo $0 > /f", "named"]', '"named\\n" exact'],
  ];
  for (const [setup, line, expected] of zeroCases) {
    it(`${setup}, ${line}`, async () => {
      const analysis = await run(`FROM busybox-static\n${setup}\n${line}\n`);
      assert.equal(textAt(analysis, '/f'), expected);
    });
  }

  it('SHELL busybox sh, redirect error', async () => {
    const analysis = await run('FROM busybox-static\nSHELL ["/bin/busybox", "sh", "-c"]\nRUN echo hi > /missing/f\n');
    const errors = analysis.problems.filter((problem) => problem.line === 3 && problem.severity === 'error').map((problem) => problem.message);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /\(sh: can't create \/missing\/f: nonexistent directory\)/);
  });

  // An applet that the prediction follows leaves the stage's files known, so PATH is searched after it.
  const fallbackCases: Array<[string, string]> = [
    ['SHELL busybox sh, missing command', 'SHELL ["/bin/busybox", "sh", "-c"]'],
    ['busybox applet, then a missing command', 'RUN busybox wc -l /bin/busybox > /wc'],
  ];
  for (const [name, before] of fallbackCases) {
    it(name, async () => {
      const analysis = await run(`FROM busybox-static\n${before}\nRUN nosuch || echo fallback > /fb\n`);
      assert.equal(textAt(analysis, '/fb'), '"fallback\\n" exact');
    });
  }

  it('busybox mkdir runs the applet', async () => {
    const analysis = await run('FROM busybox-static\nRUN busybox mkdir /made\n');
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
    assert.equal(stepCertainty(analysis, '/made'), 'exact');
  });

  it('busybox --install is not followed', async () => {
    const analysis = await run('FROM busybox-static\nRUN busybox --install -s\n');
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });
});
