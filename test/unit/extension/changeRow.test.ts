/** What a screen reader announces for the folder and file rows under a step of the Image Layers view. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { changeAccessibilityLabel } from '../../../src/extension/tree/changeRow';
import { buildChangeTree, type ChangeNode } from '../../../src/extension/tree/changeTree';

const fixtures = path.resolve(__dirname, '../../fixtures');

async function analyzeFixture(name: string): Promise<Analysis> {
  const dockerfilePath = path.join(fixtures, name);
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
}

/** Renders the accessible names of a step's change rows, one row a line, indented two spaces a level. */
function spokenRows(analysis: Analysis, stepText: string): string[] {
  const step = analysis.steps.find((candidate) => candidate.text.startsWith(stepText));
  assert.ok(step, `no step starts with ${stepText}`);
  const lineOfLayer = (layer: number) => analysis.steps[layer]?.line;
  const lines: string[] = [];
  const walk = (nodes: ChangeNode[], depth: number) => {
    for (const node of nodes) {
      lines.push(`${'  '.repeat(depth)}${changeAccessibilityLabel(node, lineOfLayer, analysis.stack)}`);
      walk(node.children, depth + 1);
    }
  };
  walk(buildChangeTree(analysis.stack.layers[step.index].entries), 0);
  return lines;
}

describe('change row accessible names', () => {
  it('folders say what they contain', async () => {
    const analysis = await analyzeFixture('panel/shadow/Dockerfile');

    assert.deepEqual(spokenRows(analysis, 'COPY app/ /app/'), [
      'folder app, contains 4 added paths',
      '  folder lib, added, contains 1 added path, mode 0755, owner 0:0',
      '    file util.py, 28 B, added, mode 0644, owner 0:0',
      '  file main.py, 15 B, added, mode 0644, owner 0:0',
      '  file Tom &amp; Jerry.txt, 28 B, added, mode 0644, owner 0:0',
    ]);
  });

  it('modified file names the shadowed line', async () => {
    const analysis = await analyzeFixture('panel/shadow/Dockerfile');

    assert.deepEqual(spokenRows(analysis, 'COPY v2/config.yaml'), ['folder app, contains 1 modified path', '  file config.yaml, 39 B, modified, shadows line 3, mode 0644, owner 0:0']);
  });

  it('counts each kind of change', async () => {
    const analysis = await analyzeFixture('cases/16-rm-rf-recreate/Dockerfile');

    assert.deepEqual(spokenRows(analysis, 'RUN rm -rf /data'), [
      'folder data, modified, opaque, shadows line 2, hides the 6 paths in it, contains 2 changed paths: 1 added, 1 modified, mode 0755, owner 0:0',
      '  file a.txt, 6 B, modified, shadows line 2, mode 0644, owner 0:0',
      '  file new.txt, 6 B, added, mode 0644, owner 0:0',
    ]);
  });

  it('deleted file and folder', async () => {
    const file = await analyzeFixture('panel/rewritten/Dockerfile');
    const folder = await analyzeFixture('panel/stage-problems/Dockerfile');

    assert.deepEqual(spokenRows(file, 'RUN rm /srv/app.log'), ['folder srv, contains 1 deleted path', '  file app.log, deleted, removes the version from line 4']);
    assert.deepEqual(spokenRows(folder, 'RUN rm -rf /usr/share/doc/app/guide'), [
      'folder usr/share/doc/app, contains 1 deleted path',
      '  folder guide, deleted, removes the folder and the path in it',
    ]);
  });

  it('deletion of an unlisted path', async () => {
    const analysis = await analyzeFixture('panel/unlisted/Dockerfile');

    const rows = spokenRows(analysis, 'RUN pip install flask');
    assert.deepEqual(rows.slice(0, 2), ['folder root/.cache, contains 1 deleted path', '  path pip, deleted, no earlier layer lists it, certainty unknown']);
  });

  it('links name their target in words', async () => {
    const analysis = await analyzeFixture('cases/19-links/Dockerfile');

    assert.deepEqual(spokenRows(analysis, 'RUN ln -s /app/target.txt'), [
      'folder app, contains 2 added paths',
      '  symlink abs-link, added, target /app/target.txt, mode 0777, owner 0:0',
      '  symlink rel-link, added, target target.txt, mode 0777, owner 0:0',
    ]);
    assert.deepEqual(spokenRows(analysis, 'RUN ln /app/target.txt'), [
      'folder app, contains 2 changed paths: 1 added, 1 modified',
      '  file hard-to-lower, 1.9 kB, added, mode 0644, owner 0:0',
      '  hard link target.txt, modified, target /app/hard-to-lower, shadows line 2, mode 0644, owner 0:0',
    ]);
  });
});
