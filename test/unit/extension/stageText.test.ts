import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analysis/analyze';
import * as path from 'node:path';
import { LayersModel } from '../../../src/extension/tree/elements';
import { stageAccessibilityLabel, stageDescription } from '../../../src/extension/tree/stageText';

const dockerfilePath = path.resolve(__dirname, '../../fixtures/hover/project/Dockerfile');

describe('stage row text', () => {
  let model: LayersModel;

  before(async () => {
    const text = 'FROM alpine:3.20 AS unused\nRUN true\nFROM python:3.12-slim AS app\nCOPY notes.txt /notes.txt\n';
    // BuildKit builds only the stages the target needs, so `unused` is not built.
    model = new LayersModel(await analyze({ dockerfilePath, text }));
  });

  it('target stage announced as target', () => {
    const target = model.stages.find((element) => element.stage.name === 'app');
    assert.ok(target);
    assert.equal(stageDescription(target), 'target · python:3.12-slim');
    assert.equal(stageAccessibilityLabel(target), 'stage app, target, python:3.12-slim, FROM python:3.12-slim, line 3');
  });

  it('skipped stage announced as not built', () => {
    const unused = model.stages.find((element) => element.stage.name === 'unused');
    assert.ok(unused);
    assert.equal(stageAccessibilityLabel(unused), 'stage unused, not built, alpine:3.20, FROM alpine:3.20, line 1');
  });
});
