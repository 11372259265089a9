import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';

const dockerfilePath = join(__dirname, '..', '..', 'fixtures', 'unlisted-run', 'cleanup', 'Dockerfile');

function hoverAt(analysis: Analysis, line: number): string {
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step on line ${line}`);
  return renderStepHover(analysis, step, 'file:///cleanup/Dockerfile');
}

describe('hover of RUN steps with unlisted paths', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  });

  it('deletion of a folder truncate wrote into', () => {
    const hover = hoverAt(analysis, 6);

    assert.match(hover, /\*\*Deletes\*\* 1 path \(size unknown\):/);
    assert.match(hover, /- `\/var\/cache\/app` removes the folder and paths in it that no layer lists, estimated\n/);
    assert.match(hover, /- `?\/var\/cache\/app`? may hold files that earlier steps wrote without listing them/);
  });

  it('note naming truncate', () => {
    assert.match(hoverAt(analysis, 5), /- "truncate" is not modelled, so what it writes is unknown/);
  });
});
