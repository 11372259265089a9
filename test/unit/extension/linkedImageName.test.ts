/** How often the rows and hovers of a linked analysis name the image. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis, type LinkedAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { describeStepOf } from '../../../src/extension/tree/stepDescription';
import { stepRowText } from '../../../src/extension/tree/stepRow';
import { layersViewMessage } from '../../../src/extension/tree/viewMessage';

const fixtures = path.resolve(__dirname, '../../fixtures');
const dockerfilePath = path.join(fixtures, 'cases/16-rm-rf-recreate/Dockerfile');
const archivePath = path.join(fixtures, 'images/16-rm-rf-recreate.docker-overlay2.tar');
const reference = 'oracle/16-rm-rf-recreate:docker-overlay2';

/** Counts `part` in markdown, with the escapes that plain text gets in it removed. */
function count(markdown: string, part: string): number {
  return markdown.replace(/\\(.)/g, '$1').split(part).length - 1;
}

describe('linked image names', () => {
  let linked: LinkedAnalysis;

  before(async () => {
    // The last line has no history entry, so its layer stays predicted.
    const text = readFileSync(dockerfilePath, 'utf8') + 'COPY data/a.txt /late.txt\n';
    const image = await readImage({ kind: 'path', path: archivePath });
    linked = linkAnalysis(await analyze({ dockerfilePath, text }), image, linkDockerfile(image, text, { path: dockerfilePath }));
  });

  it('every hover names the image once', () => {
    for (const step of linked.steps) {
      const hover = renderStepHover(linked, step, 'file:///Dockerfile');
      assert.equal(count(hover, reference), 1, hover);
    }
  });

  it('message names an archive by its file name', () => {
    const unnamed: LinkedAnalysis = { ...linked, image: { ...linked.image, name: archivePath, source: archivePath } };
    const message = layersViewMessage(unnamed, 'Dockerfile');
    assert.equal(message, 'Layers of Dockerfile read from the image 16-rm-rf-recreate.docker-overlay2.tar, except rows marked predicted.');
  });

  it('message names an image by its reference', () => {
    assert.equal(layersViewMessage(linked, 'Dockerfile'), `Layers of Dockerfile read from the image ${reference}, except rows marked predicted.`);
  });

  it('message names the Dockerfile as the title', () => {
    assert.equal(layersViewMessage(linked, 'cases/Dockerfile.classic'), `Layers of cases/Dockerfile.classic read from the image ${reference}, except rows marked predicted.`);
  });

  it('rows leave the image to the message', () => {
    const descriptions = linked.steps.map((step) => describeStepOf(linked, step));
    assert.deepEqual(descriptions.slice(2, 5), ['1.0 kB · +7', '12 B · +1 ~2', '9 B · +1 ~3 -1']);
    assert.ok(descriptions.every((description) => !description.includes(reference)), descriptions.join('\n'));
    assert.equal(descriptions[descriptions.length - 1], '2 B · +1 · predicted');
  });

  it('screen readers still hear the source', () => {
    assert.ok(stepRowText(linked, linked.steps[2]).spoken.endsWith(` · from image ${reference}`));
  });
});
