import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../../../src/core/analysis/types';
import type { LinkedAnalysis } from '../../../src/core/image/linkedAnalysis';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { linkArchive } from '../image/linkArchive';

// Docker Engine 20.10's classic builder on vfs storage built this archive from the Dockerfile and
// the files beside it. Its `RUN chmod 755` sets the mode start.sh already has, so vfs stored no
// layer for it (`empty_layer` in the history).
const fixture = path.resolve(__dirname, '../../fixtures/images/unchanged-chmod');
const dockerfilePath = path.join(fixture, 'Dockerfile');
const archive = path.join(fixture, 'unchanged-chmod.docker-vfs.tar');
// The classic builder built this archive too. Its `WORKDIR /srv/app` has no layer, because an earlier COPY made the folder.
const argenv = path.resolve(__dirname, '../../fixtures/images/argenv');

/** Links an archive, by default the chmod one, to its Dockerfile as the editor does. */
function linkFixture(text: string, archivePath = archive, dockerfile = dockerfilePath): Promise<LinkedAnalysis> {
  return linkArchive(archivePath, dockerfile, text);
}

function hoverAt(analysis: Analysis, line: number): string {
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step at line ${line}`);
  return renderStepHover(analysis, step, 'file:///Dockerfile');
}

describe('hover of a step without an image layer', () => {
  let linked: LinkedAnalysis;

  before(async () => {
    linked = await linkFixture(readFileSync(dockerfilePath, 'utf8'));
  });

  it('RUN read from the image', () => {
    const step = stepAtLine(linked, 5);
    assert.equal(step?.instruction, 'RUN');
    assert.equal(linked.image.sources[step.index].kind, 'image');
    assert.equal(step.emptyLayer, true);
  });

  it('RUN names the missing layer', () => {
    const hover = hoverAt(linked, 5);

    assert.match(hover, /\*\*The image has no layer for this step\*\*, so the build stored no change for it\./);
    assert.match(hover, /vfs storage leaves out a file written again with the same content, mode and owner, which overlay storage stores again\./);
  });

  it('RUN is not called metadata-only', () => {
    const hover = hoverAt(linked, 5);

    assert.doesNotMatch(hover, /makes no filesystem layer/);
    assert.doesNotMatch(hover, /changes only the image configuration/);
  });

  it('RUN states no modelled storage', () => {
    // The step is read from a vfs image, so a line on the overlay storage the prediction models would contradict its note.
    const hover = hoverAt(linked, 5);

    assert.doesNotMatch(hover, /Modelled on/);
    assert.doesNotMatch(hover, /overlay storage\./);
  });

  it('ENTRYPOINT keeps the metadata text', () => {
    assert.match(hoverAt(linked, 6), /This instruction \*\*makes no filesystem layer\*\*: it sets the entrypoint of the container\./);
  });

  it('COPY with a layer lists it', () => {
    const hover = hoverAt(linked, 4);

    assert.doesNotMatch(hover, /The image has no layer/);
    assert.match(hover, /\*\*Adds\*\* 1 path/);
  });

  it('WORKDIR of an existing folder', async () => {
    const dockerfile = path.join(argenv, 'Dockerfile');
    const workdir = await linkFixture(readFileSync(dockerfile, 'utf8'), path.join(argenv, 'argenv-dev.docker.tar'), dockerfile);
    const step = stepAtLine(workdir, 10);
    assert.equal(step?.instruction, 'WORKDIR');
    assert.equal(workdir.image.sources[step.index].kind, 'image');

    const hover = hoverAt(workdir, 10);

    assert.match(hover, /\*\*The image has no layer for this step\*\*/);
    assert.match(hover, /The folder likely existed already/);
    assert.doesNotMatch(hover, /sets the working directory/);
  });

  it('predicted RUN keeps its predicted layer', async () => {
    // An added line has no history entry, so its layer is predicted and the image records nothing for it.
    const text = readFileSync(dockerfilePath, 'utf8') + 'RUN chmod 755 /usr/local/bin/start\n';
    const edited = await linkFixture(text);
    const step = stepAtLine(edited, 7);
    assert.equal(step && edited.image.sources[step.index].kind, 'predicted');

    assert.doesNotMatch(hoverAt(edited, 7), /The image has no layer/);
    assert.match(hoverAt(edited, 7), /Modelled on the classic Docker builder with overlay storage\./);
  });
});
