/** RUN cp and mv of hard-linked files: each test name is the Dockerfile snippet, each expectation the change list. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { certaintiesAt, predict, removeContexts, type ContextSpec, stepAt } from '../helpers';

/** Predicts a Dockerfile that starts FROM scratch and copies a shell to /bin/sh, so that its RUNs can start; `lines` start at line 3. */
function predictWithShell(lines: string, files: ContextSpec = {}): Promise<Analysis> {
  return predict(`FROM scratch\nCOPY sh /bin/sh\n${lines}`, { sh: '#!/bin/sh\n', ...files });
}

/** A folder /d with a 4-byte file and a second name of it, written by line 3. */
const linkedPair = 'RUN mkdir /d && echo abc > /d/a && ln /d/a /d/b\n';

/** Makes /bin/cp a BusyBox applet, as in the busybox and Alpine images. */
const busyboxCp = 'RUN echo elf > /bin/busybox && ln -s busybox /bin/cp\n';

/** Makes /bin/cp a program of its own, as GNU coreutils installs it. */
const gnuCp = 'RUN echo elf > /bin/cp\n';

/** Renders the step's entries under `folder` as `path type size [-> link target]` lines. */
function entriesUnder(analysis: Analysis, line: number, folder: string): string[] {
  return analysis.stack.layers[stepAt(analysis, line).index].entries
    .map(({ entry }) => entry)
    .filter((entry) => entry.path.startsWith(`${folder}/`))
    .map((entry) => (entry.op === 'delete' ? `${entry.path} deleted` : `${entry.path} ${entry.type} ${entry.size}${entry.linkTarget ? ` -> ${entry.linkTarget}` : ''}`));
}

describe('RUN copies of hard-linked files', () => {
  after(removeContexts);

  it('RUN cp -r /d /e (cp unknown)', async () => {
    const analysis = await predictWithShell(`${linkedPair}RUN cp -r /d /e\n`);
    assert.deepEqual(entriesUnder(analysis, 4, '/e'), ['/e/a file 4', '/e/b file 4']);
    assert.deepEqual(certaintiesAt(analysis, 4), ['/e exact', '/e/a exact', '/e/b estimated']);
    assert.ok(stepAt(analysis, 4).notes.includes('cp: /d/b is a hard link to a file that this cp copies too. BusyBox cp copies it as a hard link and GNU cp as a separate file, but this prediction cannot tell which cp the image has, so it lists a separate file.'));
  });

  it('RUN cp -r /d /e (BusyBox cp)', async () => {
    const analysis = await predictWithShell(`${busyboxCp}${linkedPair}RUN cp -r /d /e\n`);
    assert.deepEqual(entriesUnder(analysis, 5, '/e'), ['/e/a file 4', '/e/b hardlink 0 -> /e/a']);
    assert.equal(stepAt(analysis, 5).certainty, 'exact');
  });

  it('RUN cp -r /d /e (GNU cp)', async () => {
    const analysis = await predictWithShell(`${gnuCp}${linkedPair}RUN cp -r /d /e\n`);
    assert.deepEqual(entriesUnder(analysis, 5, '/e'), ['/e/a file 4', '/e/b file 4']);
    assert.equal(stepAt(analysis, 5).certainty, 'exact');
  });

  it('RUN cp -rL /d /e (BusyBox cp)', async () => {
    const analysis = await predictWithShell(`${busyboxCp}${linkedPair}RUN cp -rL /d /e\n`);
    assert.deepEqual(entriesUnder(analysis, 5, '/e'), ['/e/a file 4', '/e/b file 4']);
  });

  it('RUN cp -a /d /e', async () => {
    const analysis = await predictWithShell(`${linkedPair}RUN cp -a /d /e\n`);
    assert.deepEqual(entriesUnder(analysis, 4, '/e'), ['/e/a file 4', '/e/b hardlink 0 -> /e/a']);
    assert.equal(stepAt(analysis, 4).certainty, 'exact');
  });

  it('RUN cp --preserve=links /d/a /d/b /e/', async () => {
    const analysis = await predictWithShell(`${linkedPair}RUN mkdir /e && cp --preserve=links /d/a /d/b /e/\n`);
    assert.deepEqual(entriesUnder(analysis, 4, '/e'), ['/e/a file 4', '/e/b hardlink 0 -> /e/a']);
  });

  it('RUN cp /d/a /d/b /e/', async () => {
    const analysis = await predictWithShell(`${linkedPair}RUN mkdir /e && cp /d/a /d/b /e/\n`);
    assert.deepEqual(entriesUnder(analysis, 4, '/e'), ['/e/a file 4', '/e/b file 4']);
    assert.equal(stepAt(analysis, 4).certainty, 'exact');
  });

  it('RUN cp /d/b /copy', async () => {
    const analysis = await predictWithShell(`${linkedPair}RUN cp /d/b /copy\n`);
    assert.equal(analysis.stack.lookup('/copy')?.entry.size, 4);
    assert.equal(stepAt(analysis, 4).certainty, 'exact');
  });

  it('RUN ln /d/a /d/b && cp -a /d /e', async () => {
    const analysis = await predictWithShell('RUN mkdir /d && echo abc > /d/a && ln /d/a /d/b && cp -a /d /e\n');
    assert.deepEqual(entriesUnder(analysis, 3, '/e'), ['/e/a file 4', '/e/b hardlink 0 -> /e/a']);
  });

  it('RUN mv /d /e (mv keeps hard links)', async () => {
    const analysis = await predictWithShell(`${linkedPair}RUN mv /d /e\n`);
    assert.deepEqual(entriesUnder(analysis, 4, '/e'), ['/e/a file 4', '/e/b hardlink 0 -> /e/a']);
  });
});
