import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { stepCertainty, stepSourceLabel, unrecordedStepLabel } from '../../../src/extension/image/sourceLabel';
import { certaintyExplanations } from '../../../src/extension/format';
import { buildPanelData } from '../../../src/extension/panel/panelData';
import { describeStepOf } from '../../../src/extension/tree/stepDescription';

const fixtures = path.resolve(__dirname, '../../fixtures');
const dockerfilePath = path.join(fixtures, 'cases/16-rm-rf-recreate/Dockerfile');
const name = 'oracle/16-rm-rf-recreate:docker-overlay2';

describe('linked image labels', () => {
  let text: string;
  let linked: Awaited<ReturnType<typeof linkAnalysis>>;

  before(async () => {
    text = readFileSync(dockerfilePath, 'utf8') + 'COPY data/a.txt /late.txt\n';
    const image = await readImage({ kind: 'path', path: path.join(fixtures, 'images/16-rm-rf-recreate.docker-overlay2.tar') });
    linked = linkAnalysis(await analyze({ dockerfilePath, text }), image, linkDockerfile(image, text, { path: dockerfilePath }));
  });

  it('label per step source', () => {
    assert.deepEqual(linked.steps.map((step) => stepSourceLabel(linked, step)), [
      `base image layer from ${name}`,
      `base image from ${name}`,
      `from image ${name}`,
      `from image ${name}`,
      `from image ${name}`,
      'predicted',
    ]);
  });

  it('plain analysis has no label', async () => {
    const plain = await analyze({ dockerfilePath, text });

    assert.equal(stepSourceLabel(plain, plain.steps[1]), undefined);
  });

  it('hover on FROM picks the FROM step', () => {
    const step = stepAtLine(linked, 1);

    assert.equal(step?.instruction, 'FROM');
    assert.match(renderStepHover(linked, step!, 'file:///Dockerfile'), /This instruction \*\*makes no filesystem layer\*\*: it starts from the base image/);
  });

  it('tree description ends with the label', () => {
    assert.equal(describeStepOf(linked, linked.steps[5]), '2 B · +1 · predicted');
  });

  it('panel layers name their source', () => {
    const data = buildPanelData(linked, { uri: 'file:///Dockerfile', fileName: 'Dockerfile' }, 5);

    assert.equal(data.imageName, name);
    assert.equal(data.layers[2].text, 'COPY data/ /data/');
    assert.equal(data.layers[2].source, 'from the image');
    assert.equal(data.layers[5].text, 'COPY data/a.txt /late.txt');
    assert.equal(data.layers[5].source, 'predicted');
  });

  it('imported base layer gets a plain label', () => {
    assert.equal(linked.steps[0].instruction, 'LAYER');
    assert.equal(unrecordedStepLabel(linked, linked.steps[0]), 'base layer 1 of 1 (busybox-local:2)');
  });

  it('recorded instruction keeps its label', () => {
    assert.equal(unrecordedStepLabel(linked, linked.steps[2]), undefined);
    assert.equal(unrecordedStepLabel(linked, linked.steps[5]), undefined);
  });

  it('image layer certainty names the image', () => {
    assert.deepEqual(stepCertainty(linked, linked.steps[2]), { certainty: 'exact', explanation: `read from the image ${name}.` });
    assert.deepEqual(stepCertainty(linked, linked.steps[0]), { certainty: 'exact', explanation: `read from the image ${name}.` });
  });

  it('predicted layer certainty explains the prediction', () => {
    const step = linked.steps[5];

    assert.deepEqual(stepCertainty(linked, step), { certainty: step.certainty, explanation: certaintyExplanations[step.certainty] });
  });
});
