import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis, Step } from '../../../src/core/analysis/types';
import { makeLayer, type WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { renderChangeTree } from '../../../src/extension/tree/changeTree';
import { LayersModel, type ChangeElement, type LayersElement } from '../../../src/extension/tree/elements';
import { describeStep } from '../../../src/extension/tree/stepDescription';

const dockerfilePath = path.resolve(__dirname, '../../fixtures/hover/project/Dockerfile');

function label(element: LayersElement): string {
  if (element.kind === 'stage') return `stage ${element.stage.index}`;
  if (element.kind === 'step') return `step ${element.step.index}`;
  return element.node.path;
}

describe('LayersModel', () => {
  let analysis: Analysis;
  let model: LayersModel;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
    model = new LayersModel(analysis);
  });

  it('every stage with steps', () => {
    assert.deepEqual(model.children(undefined).map(label), ['stage 0', 'stage 1', 'stage 2']);
  });

  it('steps of a stage', () => {
    const [, , stage] = model.children(undefined);
    assert.deepEqual(model.children(stage).map(label), ['step 0', 'step 1', 'step 2', 'step 3', 'step 4', 'step 5', 'step 6', 'step 7']);
  });

  it('change tree of COPY --from', () => {
    const roots = model.children(model.steps[5]) as ChangeElement[];
    const expected = [
      'opt/',
      '  app/ (added)',
      '    lib/ (added)',
      '      part01.sh (added)',
      '      part02.sh (added)',
      '      part03.sh (added)',
      '      part04.sh (added)',
      '      part05.sh (added)',
      '      part06.sh (added)',
      '      part07.sh (added)',
      '      part08.sh (added)',
      '      part09.sh (added)',
      '      part10.sh (added)',
      '    config.yaml (added)',
      '    main.sh (added)',
      '    out.txt (added)',
    ].join('\n');
    assert.equal(renderChangeTree(roots.map((root) => root.node)), expected);
  });

  it('parents lead back to the stage', () => {
    const [opt] = model.children(model.steps[5]);
    const [app] = model.children(opt);
    const [lib] = model.children(app);
    const [part] = model.children(lib);
    const chain: string[] = [];
    for (let element: LayersElement | undefined = part; element; element = model.parent(element)) chain.push(label(element));
    assert.deepEqual(chain, ['/opt/app/lib/part01.sh', '/opt/app/lib', '/opt/app', '/opt', 'step 5', 'stage 2']);
  });

  it('elements are reused', () => {
    const first = model.children(model.steps[5]);
    assert.equal(model.children(model.steps[5])[0], first[0]);
    assert.equal(model.parent(model.children(first[0])[0]), first[0]);
  });

  it('metadata step has no changes', () => {
    assert.equal(model.hasChanges(analysis.steps[1]), false);
    assert.deepEqual(model.children(model.steps[1]), []);
  });
});

describe('LayersModel of other stages', () => {
  let analysis: Analysis;
  let model: LayersModel;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
    model = new LayersModel(analysis);
  });

  it('stage marks and sentences', () => {
    const [build, docs, target] = model.stages;
    assert.equal(build.build?.reason, 'needed');
    assert.equal(build.buildSentence, 'BuildKit builds stage build for the target stage 2, because line 18 copies from it.');
    assert.equal(docs.build?.built, false);
    assert.equal(target.build?.reason, 'target');
    assert.equal(target.buildSentence, undefined);
    assert.deepEqual([build.inTarget, docs.inTarget, target.inTarget], [false, false, true]);
  });

  it('own steps of stage build', () => {
    const [build] = model.stages;
    assert.deepEqual(
      model.children(build).map((element) => (element.kind === 'step' ? element.step.text : '')),
      ['FROM busybox:${VERSION} AS build', 'WORKDIR /src', 'COPY app/ ./', 'RUN echo built > /src/out.txt'],
    );
  });

  it('changes of COPY app/ ./ in stage build', () => {
    const [build] = model.stages;
    const copy = build.steps[2];
    assert.equal(model.hasChanges(copy.step), true);
    const roots = model.children(copy) as ChangeElement[];
    assert.equal(renderChangeTree(roots.map((root) => root.node)).split('\n')[0], 'src/');
    assert.equal(model.parent(roots[0]), copy);
    assert.equal(model.parent(copy), build);
  });

  it('modelOf reads the stage chain', () => {
    const [build, , target] = model.stages;
    assert.equal(model.modelOf(target.steps[0]), model);
    const own = model.modelOf(build.steps[2]);
    assert.equal(own.analysis.target, 0);
    assert.equal(own.analysis.steps[build.steps[2].step.index], build.steps[2].step);
    assert.equal(model.modelOf(build), own, 'the model of a stage is kept');
  });

  it('stepElement by stage', () => {
    const [build, docs, target] = model.stages;
    assert.equal(model.stepElement(2, 0), build.steps[2]);
    assert.equal(model.stepElement(1, 1), docs.steps[1]);
    assert.equal(docs.steps[1].step.text, 'COPY notes.txt /notes.txt');
    assert.equal(model.stepElement(2), target.steps[2]);
    assert.equal(model.stepElement(2, 2), target.steps[2], 'the target stage reads the target chain');
    assert.equal(model.stepElement(9, 0), undefined);
    assert.equal(model.stepElement(0, 7), undefined);
  });
});

describe('describeStep', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  });

  const layerOf = (index: number) => analysis.stack.layers[index];

  it('ENV', () => assert.equal(describeStep(analysis.steps[1], layerOf(1)), 'no layer'));
  it('COPY that adds', () => assert.equal(describeStep(analysis.steps[2], layerOf(2)), '29 B · 2 added'));
  it('COPY that shadows', () => assert.equal(describeStep(analysis.steps[3], layerOf(3)), '39 B · 1 modified'));
  it('COPY --from', () => assert.equal(describeStep(analysis.steps[5], layerOf(5)), '5.6 kB · 15 added'));
});

describe('describeStep of unknown layers', () => {
  const step: Step = { index: 0, stage: 0, line: 1, endLine: 1, instruction: 'RUN', text: 'RUN make', emptyLayer: false, certainty: 'unknown', notes: [] };
  const file = (path: string, size: number | null): WriteEntry => ({ op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'unknown' });

  it('nothing listed', () => {
    const stack = new LayerStack();
    assert.equal(describeStep(step, stack.push(makeLayer([], 'unknown'))), 'size unknown');
  });

  it('known bytes are a lower bound', () => {
    const stack = new LayerStack();
    assert.equal(describeStep(step, stack.push(makeLayer([file('/out/a', 1500)], 'unknown'))), 'at least 1.5 kB · 1 added');
  });

  it('entries of unknown size', () => {
    const stack = new LayerStack();
    assert.equal(describeStep(step, stack.push(makeLayer([file('/out/a', null)], 'unknown'))), 'size unknown · 1 added');
  });
});

describe('describeStep of a base image', () => {
  it('FROM an image that is not read', async () => {
    const analysis = await analyze({ dockerfilePath, text: 'FROM alpine:3.20\nCOPY notes.txt /notes.txt\n' });
    assert.equal(describeStep(analysis.steps[0], analysis.stack.layers[0]), 'base image, contents unknown');
  });
});

describe('describeStep of failed steps', () => {
  it('COPY missing.txt /app/', async () => {
    const analysis = await analyze({ dockerfilePath, text: 'FROM scratch\nCOPY missing.txt /app/\n' });
    assert.equal(describeStep(analysis.steps[1], analysis.stack.layers[1]), 'build fails here');
  });

  it('steps after a failing step', async () => {
    const analysis = await analyze({ dockerfilePath, text: 'FROM scratch\nCOPY missing.txt /app/\nCOPY notes.txt /notes.txt\nCOPY gone.txt /gone/\n' });
    assert.equal(describeStep(analysis.steps[2], analysis.stack.layers[2]), '39 B · 1 added · not reached');
    assert.equal(describeStep(analysis.steps[3], analysis.stack.layers[3]), 'not reached · would fail too');
  });
});
