/** The panel's explanation of a step the builder rejects, as the layer list's tooltip gives it. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { describeLayers } from '../../../src/core/report/mergedView';

const fixture = path.resolve(__dirname, '../../fixtures/tree-rows');

function explanationAt(analysis: Analysis, line: number): string {
  const step = analysis.steps.find((candidate) => candidate.line === line);
  assert.ok(step, `no step on line ${line}`);
  const explanation = describeLayers(analysis)[step.index].buildStop?.explanation;
  assert.ok(explanation, `the step on line ${line} has no build stop`);
  return explanation;
}

function occurrences(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

describe('rejected step explanation', () => {
  it('unknown flag states the rejection once', async () => {
    const dockerfilePath = path.join(fixture, 'badflag.Dockerfile');
    const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
    const explanation = explanationAt(analysis, 5);

    assert.equal(occurrences(explanation, /rejects the whole Dockerfile/g), 1, explanation);
    assert.equal(explanation, 'COPY has no flag --frm (did you mean --from?). Check its spelling. The prediction reads it as --from. The builder rejects the whole Dockerfile on this line, so no step runs. With its flags corrected, this step would make a layer of 26 B: adds /srv/vendor, /srv/vendor/index.js.');
  });

  it('error without the rejection keeps the step sentence', async () => {
    const text = 'FROM busybox:1.36\nWORKDIR\nCOPY src/ /srv/\n';
    const analysis = await analyze({ dockerfilePath: path.join(fixture, 'Dockerfile'), text });
    const explanation = explanationAt(analysis, 2);

    assert.equal(explanation, 'The builder rejects the whole Dockerfile on this step, so no step runs. WORKDIR needs a path.');
  });

  it('step not reached states its failure once', async () => {
    const dockerfilePath = path.join(fixture, 'mount.Dockerfile');
    const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), builder: 'classic' });
    const explanation = explanationAt(analysis, 2);

    assert.equal(occurrences(explanation, /would fail/g), 1, explanation);
    assert.match(explanation, /This step would fail once line 3 is fixed: the classic builder rejects RUN --mount\./);
  });
});
