/** A folder that a lower layer only implies, listed by a later layer: every view counts it as modified. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { analyze } from '../../../src/core/analysis/analyze';
import { knownImageOf } from '../../../src/core/image/knownImage';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageJson } from '../../../src/core/report/imageReport';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { captureCli } from '../cli/capture';

// GNU tar wrote it (make.sh): layer 1 lists only a/b/file, layer 2 lists a/ and a/b/new.
const folder = join(__dirname, '../../fixtures/images/implied-folder');
const archive = join(folder, 'implied-folder.docker.tar');

describe('folder implied by a lower layer', () => {
  it('image text counts it as modified', async () => {
    const { status, stdout, stderr } = await captureCli(runImage, [archive]);

    assert.equal(status, 0, stderr);
    const lines = stdout.split('\n');
    const layer = lines.findIndex((line) => line.startsWith('  1 '));
    assert.match(lines[layer], /^ {2}1 +4 B {2}\+1 ~1 -0 /);
    assert.deepEqual(lines.slice(layer + 1, layer + 3), ['       + /a/b/new  4 B', '       ~ /a  folder']);
  });

  it('image JSON marks it modified', async () => {
    const { status, stdout, stderr } = await captureCli(runImage, ['--json', archive]);

    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout) as ImageJson;
    assert.deepEqual(
      report.layers.map((layer) => layer.changes.map((change) => `${change.change} ${change.path}`)),
      [['added /a/b/file'], ['modified /a', 'added /a/b/new']],
    );
  });

  it('hover of the linked COPY agrees', async () => {
    const image = await readImage({ kind: 'path', path: archive });
    const dockerfilePath = join(folder, 'Dockerfile');
    const text = readFileSync(dockerfilePath, 'utf8');
    const link = linkDockerfile(image, text, { path: dockerfilePath });
    const base = knownImageOf(image, link.mapping.baseEntries);
    const prediction = await analyze({ dockerfilePath, text, images: (reference) => (reference === 'implied-base:1' ? base : undefined) });
    const linked = linkAnalysis(prediction, image, link);
    const step = stepAtLine(linked, 2);
    assert.ok(step);

    const sections = renderStepHover(linked, step, 'file:///w/Dockerfile').split('\n\n');

    assert.ok(sections.includes('**Adds** 1 path (4 B):\n- `/a/b/new` 4 B'), sections.join('\n\n'));
    assert.ok(sections.includes('**Modifies** 1 path (0 B), shadowing the version from line 1 (a folder):\n- `/a` directory, shadows line 1'), sections.join('\n\n'));
  });
});
