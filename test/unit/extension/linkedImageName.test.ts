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

  it('rows name an archive by its file name', () => {
    const unnamed: LinkedAnalysis = { ...linked, image: { ...linked.image, name: archivePath, source: archivePath } };
    const description = describeStepOf(unnamed, unnamed.steps[2]);
    assert.ok(description.endsWith(' · from image 16-rm-rf-recreate.docker-overlay2.tar'), description);
    assert.ok(!description.includes(fixtures), description);
  });

  it('rows name an image by its reference', () => {
    assert.ok(describeStepOf(linked, linked.steps[2]).endsWith(` · from image ${reference}`));
  });
});
