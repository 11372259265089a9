/**
 * A shell-form RUN with no command. The expected errors are what real builds printed on a
 * BusyBox base (see test/fixtures/empty-run/README.md) and what dash 0.5.12 and bash 5.2.15
 * print for `-c` with no script.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { renderStepHover } from '../../../../src/extension/hover/renderHover';
import { predict, removeContexts, stepAt } from '../helpers';
import { readBusyboxImage, shellImages } from './realShells';

const fixture = join(__dirname, '../../../fixtures/empty-run/Dockerfile');

let busybox: KnownImage;

function analyzeFixture(builder: BuilderKind): Promise<Analysis> {
  return analyze({ dockerfilePath: fixture, text: readFileSync(fixture, 'utf8'), images: shellImages(busybox), builder });
}

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error' && problem.line === line).map((problem) => problem.message);
}

describe('RUN with no command', () => {
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  for (const builder of ['classic', 'buildah'] as BuilderKind[]) {
    it(`fails with the shell's error (${builder})`, async () => {
      const analysis = await analyzeFixture(builder);
      const [error, ...others] = errorsOn(analysis, 3);
      assert.deepEqual(others, []);
      assert.match(error, /starts "\/bin\/sh -c" with nothing after -c\. Then the shell exits with status 2 \(\/bin\/sh: -c requires an argument\), and the build fails on this line\./);
      assert.equal(stepAt(analysis, 3).failed, true);
      assert.deepEqual(analysis.stack.layers[stepAt(analysis, 3).index].entries, []);
    });

    it(`leaves the later steps unreached (${builder})`, async () => {
      const analysis = await analyzeFixture(builder);
      assert.ok(stepAt(analysis, 4).notReached, 'line 4 is reached');
      assert.equal(stepAt(analysis, 2).notReached, undefined);
    });
  }

  it('runs an empty script (buildkit)', async () => {
    const analysis = await analyzeFixture('buildkit');
    assert.deepEqual(errorsOn(analysis, 3), []);
    assert.equal(stepAt(analysis, 3).failed, undefined);
    assert.equal(stepAt(analysis, 3).certainty, 'exact');
    assert.equal(stepAt(analysis, 4).notReached, undefined);
  });

  it('gets no empty-layer note (classic)', async () => {
    const analysis = await analyzeFixture('classic');
    assert.ok(!stepAt(analysis, 3).notes.some((note) => note.startsWith('The classic builder records no layer here')), stepAt(analysis, 3).notes.join('\n'));
  });

  it('RUN followed by spaces (buildah)', async () => {
    const analysis = await predict('FROM busybox-local:2\nRUN    \n', {}, { builder: 'buildah', images: shellImages(busybox) });
    assert.match(errorsOn(analysis, 2).join('\n'), /\(\/bin\/sh: -c requires an argument\)/);
  });

  it('RUN --mount alone (buildah)', async () => {
    const analysis = await predict('FROM busybox-local:2\nRUN --mount=type=cache,target=/x\n', {}, { builder: 'buildah', images: shellImages(busybox) });
    assert.match(errorsOn(analysis, 2).join('\n'), /\(\/bin\/sh: -c requires an argument\)/);
  });

  it('RUN --mount alone (classic)', async () => {
    // The classic builder stops at the flag, before it starts the shell.
    const analysis = await predict('FROM busybox-local:2\nRUN --mount=type=cache,target=/x\n', {}, { builder: 'classic', images: shellImages(busybox) });
    const [error, ...others] = errorsOn(analysis, 2);
    assert.deepEqual(others, []);
    assert.match(error, /the classic builder rejects RUN --mount/);
    assert.ok(!stepAt(analysis, 2).notes.some((note) => note.startsWith('The classic builder records no layer here')), stepAt(analysis, 2).notes.join('\n'));
  });

  it('under dash as /bin/sh (classic)', async () => {
    const analysis = await predict('FROM bash-dash\nRUN\n', {}, { builder: 'classic', images: shellImages(busybox) });
    assert.match(errorsOn(analysis, 2).join('\n'), /status 2 \(\/bin\/sh: 0: -c requires an argument\)/);
  });

  it('under a bash SHELL (classic)', async () => {
    const analysis = await predict('FROM bash-dash\nSHELL ["/bin/bash", "-c"]\nRUN\n', {}, { builder: 'classic', images: shellImages(busybox) });
    assert.match(errorsOn(analysis, 3).join('\n'), /starts "\/bin\/bash -c" with nothing after -c\. Then the shell exits with status 2 \(\/bin\/bash: -c: option requires an argument\)/);
  });

  it('under an unread base image (classic)', async () => {
    const analysis = await predict('FROM some-unread-image\nRUN\nRUN echo b > /b\n', {}, { builder: 'classic' });
    assert.match(errorsOn(analysis, 2).join('\n'), /with nothing after -c\. Then the shell exits with an error, and the build fails/);
    assert.ok(stepAt(analysis, 3).notReached, 'line 3 is reached');
  });

  it('RUN \\ with an empty continuation line (classic)', async () => {
    // Both parsers skip the empty line, so the next line's text becomes the command (`RUN RUN echo b`).
    const analysis = await predict('FROM busybox-local:2\nRUN \\\n\nRUN echo b > /b\n', {}, { builder: 'classic', images: shellImages(busybox) });
    assert.match(errorsOn(analysis, 2).join('\n'), /"RUN echo b" fails \(\/bin\/sh: RUN: not found\)/);
  });

  it('hover states the failure (classic)', async () => {
    // The error's text is the line's diagnostic, which the editor shows beside the hover.
    const analysis = await analyzeFixture('classic');
    const hover = renderStepHover(analysis, stepAt(analysis, 3), 'file:///project/Dockerfile');
    assert.ok(hover.includes('**The build fails on this step**'), hover);
    assert.doesNotMatch(hover, /makes no filesystem layer/);
    const later = renderStepHover(analysis, stepAt(analysis, 4), 'file:///project/Dockerfile');
    assert.ok(later.includes('**Not reached:**'), later);
  });

  it('hover names the other builders (buildkit)', async () => {
    const analysis = await analyzeFixture('buildkit');
    const hover = renderStepHover(analysis, stepAt(analysis, 3), 'file:///project/Dockerfile');
    assert.ok(hover.includes('The classic builder and buildah add no script after the SHELL\'s words for a RUN with no command'), hover);
  });
});
