/** The hover's words for counts, sizes and headings that the views share with the panel and the CLI. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { findStageStep } from '../../../src/core/analysis/stageViews';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { predict, removeContexts, type ContextSpec } from '../predict/helpers';

const uri = 'file:///project/Dockerfile';

/** Renders the hover on a 1-based line, in whichever stage's chain contains it. */
function hoverAt(analysis: Analysis, line: number): string {
  const found = findStageStep(analysis, line);
  assert.ok(found, `no step on line ${line}`);
  return renderStepHover(found.view, found.step, uri, analysis);
}

async function hoverOf(dockerfile: string, line: number, files: ContextSpec = {}): Promise<string> {
  return hoverAt(await predict(dockerfile, files), line);
}

describe('hover wording', () => {
  after(removeContexts);

  it('deletion of a path no layer lists', async () => {
    // The base image is not read, so only it may hold /root/.cache/pip.
    const hover = await hoverOf('FROM python:3.12-slim\nRUN rm -rf /root/.cache/pip\n', 2);
    assert.ok(hover.includes('**Deletes** 1 path that earlier layers do not list (unknown size):\n- `/root/.cache/pip` no earlier layer lists it, unknown\n'), hover);
    assert.doesNotMatch(hover, /removing 0 lower paths/);
  });

  it('layer of unknown size', async () => {
    const hover = await hoverOf('FROM python:3.12-slim\nRUN pip install flask\n', 2);
    assert.ok(hover.includes('\n\nMakes a filesystem layer whose contents and size are unknown.\n\n'), hover);
    assert.doesNotMatch(hover, /come to unknown size/);
  });

  it('shadowed base image folders', async () => {
    const hover = await hoverOf('FROM python:3.12-slim\nRUN pip install flask\n', 2);
    assert.match(hover, /\*\*Modifies\*\* 2 paths \(size unknown\), shadowing the base image's folders \(line 1\), whose contents are unknown:\n/);
  });

  it('unknown sizes print no 0 B', async () => {
    const hover = await hoverOf('FROM python:3.12-slim\nRUN pip install flask\n', 2);
    assert.ok(hover.includes('**Adds** 2 paths (size unknown):\n'), hover);
    assert.doesNotMatch(hover, /\(0 B/);
  });

  it('known part of an open layer is a lower bound', async () => {
    const hover = await hoverOf('FROM python:3.12-slim\nRUN echo hi > /greeting.txt && pip install flask\n', 2);
    assert.ok(hover.includes('**Adds** 3 paths (at least 3 B):\n'), hover);
  });

  it('empty file in an open layer', async () => {
    // The CLI words the same layer `adds 1 (at least 0 B)`, and the path's own size is 0 B.
    const hover = await hoverOf('FROM alpine:3.20\nRUN touch /empty.txt && rm /bin/vi\n', 2);
    assert.ok(hover.includes('**Adds** 1 path (at least 0 B):\n- `/empty.txt` 0 B, estimated\n'), hover);
  });

  it('deleted folder and its paths', async () => {
    const hover = await hoverOf('FROM shell-only\nCOPY data/ /data/\nRUN rm -rf /data\n', 3, { 'data/a.txt': 'a\n', 'data/b.txt': 'bb\n' });
    assert.ok(hover.includes('**Deletes** 1 path and 2 paths below it (5 B):\n- `/data` removes the folder and the 2 paths in it\n'), hover);
  });

  it('deleted file names its version', async () => {
    const hover = await hoverOf('FROM shell-only\nCOPY a.txt /a.txt\nRUN rm /a.txt\n', 3, { 'a.txt': 'a\n' });
    assert.ok(hover.includes('**Deletes** 1 path (2 B):\n- `/a.txt` removes the version from line 2\n'), hover);
  });

  it('more paths than listed', async () => {
    const files: ContextSpec = {};
    for (let index = 0; index < 1010; index++) files[`data/f${index}.txt`] = 'x';
    const hover = await hoverOf('FROM scratch\nCOPY data/ /data/\n', 2, files);
    assert.ok(hover.includes('\n- and 1,003 more\n'), hover);
  });
});

describe('hover heading', () => {
  const stagesPath = path.resolve(__dirname, '../../fixtures/hover/project/stages.Dockerfile');
  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath: stagesPath, text: readFileSync(stagesPath, 'utf8') });
  });

  it('step of the target', () => {
    assert.match(hoverAt(analysis, 5), /^\*\*Step #3 of stage 1\*\* · line 5\n/);
  });

  it('step of a stage the target continues', () => {
    // The number counts in the target's chain, which contains the steps of stage base.
    assert.match(hoverAt(analysis, 2), /^\*\*Step #1 of stage 1\*\* · stage base · line 2\n/);
  });
});
