/**
 * Hard links in a RUN's layer after the names of a file change: each test names the case, each
 * expectation is the RUN's layer below /d or /e. The layer marks a name as a hard link only while
 * another name of the same file is in the layer, so these cases check that links made, removed,
 * replaced and dropped with their folder are all counted.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { predict, removeContexts, stepAt } from '../helpers';

/** Predicts a Dockerfile FROM scratch with a shell at /bin/sh, so that its RUNs can start. `lines` start at line 3. */
function predictRuns(lines: string): Promise<Analysis> {
  return predict(`FROM scratch\nCOPY sh /bin/sh\n${lines}`, { sh: '#!/bin/sh\n' });
}

/**
 * Renders the layer of the step on `line` below `/d` or `/e` as `path type size [-> link target]`
 * lines, and whiteouts as `path deleted`. The folders themselves are left out, because whether a
 * layer lists an unchanged parent folder is not what these tests check.
 */
function layerAt(analysis: Analysis, line: number): string[] {
  const entries = analysis.stack.layers[stepAt(analysis, line).index].entries.filter(({ entry }) => /^\/[de]\//.test(entry.path));
  return entries.map(({ entry }) => {
    if (entry.op === 'delete') return `${entry.path} deleted`;
    const target = entry.type === 'hardlink' ? ` -> ${entry.linkTarget}` : '';
    return `${entry.path} ${entry.type} ${entry.size}${target}`;
  });
}

describe('RUN layer hard links', () => {
  after(removeContexts);

  it('hard link to new file', async () => {
    const analysis = await predictRuns('RUN mkdir /d && echo abc > /d/a && ln /d/a /d/b\n');
    assert.deepEqual(layerAt(analysis, 3), ['/d/a file 4', '/d/b hardlink 0 -> /d/a']);
  });

  it('two hard links, original removed', async () => {
    const analysis = await predictRuns('RUN mkdir /d && echo abc > /d/a && ln /d/a /d/b && ln /d/a /d/c && rm /d/a\n');
    assert.deepEqual(layerAt(analysis, 3), ['/d/b file 4', '/d/c hardlink 0 -> /d/b']);
  });

  it('one hard link, original removed', async () => {
    const analysis = await predictRuns('RUN mkdir /d && echo abc > /d/a && ln /d/a /d/b && rm /d/a\n');
    assert.deepEqual(layerAt(analysis, 3), ['/d/b file 4']);
  });

  it('hard link after original replaced', async () => {
    const analysis = await predictRuns('RUN mkdir /d && echo abc > /d/a && echo z > /d/e && ln /d/a /d/b && ln -f /d/e /d/a\n');
    assert.deepEqual(layerAt(analysis, 3), ['/d/a file 2', '/d/b file 4', '/d/e hardlink 0 -> /d/a']);
  });

  it('hard link after folder recreated', async () => {
    const analysis = await predictRuns('RUN mkdir -p /d/s && echo abc > /d/s/a && ln /d/s/a /d/b && rm -rf /d/s && mkdir /d/s && ln /d/b /d/s/c\n');
    assert.deepEqual(layerAt(analysis, 3), ['/d/b file 4', '/d/s directory 0', '/d/s/c hardlink 0 -> /d/b']);
  });

  it('hard links dropped with their folder', async () => {
    const analysis = await predictRuns('RUN mkdir -p /d/s/t && echo abc > /d/s/t/a && ln /d/s/t/a /d/s/b && ln /d/s/b /d/c && rm -rf /d/s\n');
    assert.deepEqual(layerAt(analysis, 3), ['/d/c file 4']);
  });

  it('hard link out of lower folder', async () => {
    const analysis = await predictRuns('RUN mkdir -p /d/s/t\nRUN echo abc > /d/s/t/a && ln /d/s/t/a /d/c && rm -rf /d/s\n');
    assert.deepEqual(layerAt(analysis, 4), ['/d/c file 4', '/d/s deleted']);
  });

  it('hard link under chowned lower folders', async () => {
    const analysis = await predictRuns('RUN mkdir -p /d/s && echo abc > /d/s/a && echo z > /d/e\nRUN ln /d/s/a /d/b && chown -R 1 /d\n');
    assert.deepEqual(layerAt(analysis, 4), ['/d/b file 4', '/d/e file 2', '/d/s directory 0', '/d/s/a hardlink 0 -> /d/b']);
  });

  it('hard link copied from lower layer', async () => {
    const analysis = await predictRuns('RUN mkdir -p /d/s && echo abc > /d/s/a && ln /d/s/a /d/b\nRUN cp -a /d /e && rm -rf /d\n');
    assert.deepEqual(layerAt(analysis, 4), ['/e/b file 4', '/e/s directory 0', '/e/s/a hardlink 0 -> /e/b']);
  });
});
