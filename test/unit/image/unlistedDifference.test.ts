import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import type { ImageJson } from '../../../src/core/report/imageReport';
import { captureCli } from '../cli/capture';

// Docker Engine 20.10's classic builder on overlay2 storage built this archive from the Dockerfile
// and gen.sh beside it. Line 8 copies /app/node_modules from a stage whose RUN of gen.sh made it,
// and line 9 deletes paths of that folder by a glob, so the prediction can list neither.
const fixture = join(__dirname, '../../fixtures/images/unlisted-copy');
const archive = join(fixture, 'unlisted-copy.docker-overlay2.tar');
const dockerfile = join(fixture, 'Dockerfile');

describe('difference of an unlisted layer', () => {
  let differences: Map<number, string>;

  before(async () => {
    const { status, stdout, stderr } = await captureCli(runImage, ['--json', '--dockerfile', dockerfile, archive]);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout) as ImageJson;
    differences = new Map((report.prediction?.differences ?? []).map((item) => [item.line, item.message]));
  });

  it('COPY of unknown contents', () => {
    assert.equal(
      differences.get(8),
      "The built layer differs from the prediction. The image has 12 paths that the prediction could not list, as it does not know all of this layer's contents: " +
        '/app/node_modules/.cache/ (and 2 paths under it), /app/node_modules/a/ (and 3 paths under it), /app/node_modules/b/ (and 4 paths under it).',
    );
  });

  it('RUN deleting unlisted paths', () => {
    assert.equal(
      differences.get(9),
      "The built layer differs from the prediction. The image's layer deletes 3 paths that the prediction could not list as deleted: " +
        '/app/node_modules/.cache, /app/node_modules/a/test, /app/node_modules/b/test.',
    );
  });

  it('text lists both lines', async () => {
    const { stdout } = await captureCli(runImage, ['--dockerfile', dockerfile, archive]);
    const section = stdout.slice(stdout.indexOf('Prediction against the image:\n'));
    assert.equal(section, `Prediction against the image:\n  line 8: ${differences.get(8)}\n  line 9: ${differences.get(9)}\n`);
  });
});
