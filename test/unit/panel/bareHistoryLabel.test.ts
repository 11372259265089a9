/**
 * A base image that `buildah from scratch`, `buildah add` and `buildah commit` made records only
 * `/bin/sh` for its layer. The panel names that layer as a base layer, not as a RUN.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';
import { buildPanelData } from '../../../src/extension/panel/panelData';
import type { PanelData } from '../../../src/protocol/webview';

const folder = path.join(__dirname, '../../fixtures/images/buildah-add-base');
const dockerfilePath = path.join(folder, 'Dockerfile');

describe('panel base layer of buildah add', () => {
  let data: PanelData;

  before(async () => {
    const text = readFileSync(dockerfilePath, 'utf8');
    const image = await readImage({ kind: 'path', path: path.join(folder, 'addbase-child.buildah.tar') });
    assert.equal(image.steps[0].history.createdBy, '/bin/sh');
    const linked = linkAnalysis(await analyze({ dockerfilePath, text }), image, linkDockerfile(image, text, { path: dockerfilePath }));
    data = buildPanelData(linked, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined);
  });

  it('bare /bin/sh is no RUN', () => {
    const base = data.layers[0];
    assert.equal(base.instruction, 'LAYER');
    assert.equal(base.text, '/bin/sh');
    assert.deepEqual(base.plainLabel, { short: 'base image', text: 'base layer 1 of 1 (localhost/addbase:1)' });
    assert.equal(base.source, 'base image');
  });

  it('COPY line keeps its instruction', () => {
    const copy = data.layers.find((layer) => layer.line === 2);
    assert.equal(copy?.instruction, 'COPY');
    assert.equal(copy?.plainLabel, undefined);
  });
});

/**
 * An image that Docker's classic builder made from `exec-run/Dockerfile`, whose exec-form
 * `RUN ["/made"]` it recorded as the bare words `/made`. The Dockerfile read beside it no longer
 * has that line, so no line maps to the layer, and the panel still names it a RUN.
 */
describe('panel unmatched layer with bare history', () => {
  const execRun = path.join(__dirname, '../../fixtures/images/exec-run');
  const editedPath = path.join(execRun, 'Dockerfile');
  const edited = 'FROM scratch\nCOPY made /made\nCOPY app.txt /app.txt\n';
  let data: PanelData;

  before(async () => {
    const image = await readImage({ kind: 'path', path: path.join(execRun, 'exec-run.docker.tar') });
    assert.equal(image.steps[1].history.createdBy, '/made');
    const linked = linkAnalysis(await analyze({ dockerfilePath: editedPath, text: edited }), image, linkDockerfile(image, edited, { path: editedPath }));
    data = buildPanelData(linked, { uri: `file://${editedPath}`, fileName: 'Dockerfile' }, undefined);
  });

  it('bare /made stays a RUN', () => {
    const unmatched = data.layers.filter((layer) => layer.source === 'from the image, no line');
    assert.equal(unmatched.length, 1);
    assert.equal(unmatched[0].instruction, 'RUN');
    assert.equal(unmatched[0].text, 'RUN /made');
    assert.equal(unmatched[0].plainLabel, undefined);
  });
});
