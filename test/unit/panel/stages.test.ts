import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { buildPanelData, chooseStage, listStageChoices } from '../../../src/extension/panel/panelData';
import { predict, removeContexts } from '../predict/helpers';
import { pathsOf, unknownDockerfile } from './panelData';

const document = { uri: `file://${unknownDockerfile}`, fileName: 'Dockerfile' };

describe('panel data of a stage', () => {
  // Stage 0 `deps` writes /app, which the target (stage 1, no name) copies node_modules from.
  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath: unknownDockerfile, text: readFileSync(unknownDockerfile, 'utf8') });
  });

  it('stage deps at its top', () => {
    const data = buildPanelData(analysis, document, Number.MAX_SAFE_INTEGER, 0);

    assert.equal(data.stage, 0);
    assert.deepEqual(
      data.layers.map((layer) => layer.text),
      ['FROM alpine:3.20 AS deps', 'WORKDIR /app', 'COPY package.json ./', 'RUN npm ci'],
    );
    assert.equal(data.view.asOf, 3);
    const paths = pathsOf(data);
    assert.ok(paths.includes('/app/package.json'), paths.join(' '));
    assert.ok(!paths.includes('/srv/app'), 'the target\'s WORKDIR is not in stage deps');
  });

  it('layer counts in the stage chain', () => {
    const data = buildPanelData(analysis, document, 1, 0);

    assert.equal(data.view.asOf, 1);
    assert.ok(pathsOf(data).includes('/app'));
    assert.ok(!pathsOf(data).includes('/app/package.json'), 'COPY package.json comes after layer 1');
  });

  it('target when no stage is given', () => {
    const data = buildPanelData(analysis, document, Number.MAX_SAFE_INTEGER);

    assert.equal(data.stage, 1);
    assert.equal(data.layers[0].text, 'FROM alpine:3.20');
    assert.ok(pathsOf(data).includes('/srv/app/node_modules'));
  });

  it('missing stage falls back to the target', () => {
    const data = buildPanelData(analysis, document, 1, 7);

    assert.equal(data.stage, 1);
    assert.equal(data.layers[0].text, 'FROM alpine:3.20');
    assert.equal(data.view.asOf, 1);
  });

  it('stage choices', () => {
    const expected = [
      { index: 0, label: 'stage deps', target: false },
      { index: 1, label: 'stage 1', target: true },
    ];
    assert.deepEqual(buildPanelData(analysis, document, 0, 0).stages, expected);
    assert.deepEqual(listStageChoices(analysis), expected);
  });
});

describe('chooseStage', () => {
  after(removeContexts);

  // `final` continues `base`, so base's steps are already in the target's chain. `tools` is a stage of its own.
  const continued = 'FROM scratch AS base\nCOPY a.txt /a\nFROM scratch AS tools\nCOPY b.txt /b\nFROM base AS final\nCOPY b.txt /c\n';

  it('stage outside the target chain', async () => {
    const analysis = await predict(continued, { 'a.txt': 'a', 'b.txt': 'b' });

    const chosen = chooseStage(analysis, 1);
    assert.equal(chosen.stage, 1);
    assert.deepEqual(
      chosen.view.steps.map((step) => step.text),
      ['FROM scratch AS tools', 'COPY b.txt /b'],
    );
  });

  it('stage of the target chain shows its own chain', async () => {
    const analysis = await predict(continued, { 'a.txt': 'a', 'b.txt': 'b' });

    const chosen = chooseStage(analysis, 0);
    assert.equal(chosen.stage, 0);
    assert.deepEqual(chosen.view.steps.map((step) => step.text), ['FROM scratch AS base', 'COPY a.txt /a']);
    assert.ok(chosen.view.stack.lookup('/a'));
    assert.equal(chosen.view.stack.lookup('/c'), undefined, 'the target\'s own file is not in stage base');
  });

  it('choices list every stage, marking one not built', async () => {
    const analysis = await predict(continued, { 'a.txt': 'a', 'b.txt': 'b' });

    assert.deepEqual(
      listStageChoices(analysis).map((choice) => [choice.label, choice.notBuilt ?? false]),
      [['stage base', false], ['stage tools', true], ['stage final', false]],
    );
  });
});
