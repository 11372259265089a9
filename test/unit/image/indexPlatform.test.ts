/** An OCI index entry whose platform the image config contradicts is reported by every reader of the image. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { readImage } from '../../../src/core/image/readImage';
import { captureCli } from '../cli/capture';
import { makeContext, removeContexts } from '../predict/helpers';
import { writeIndexLayout } from './indexLayout';

describe('index platform against config', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'layer-lens-index-platform-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  after(removeContexts);

  const warning = (source: string) =>
    `${source}: the index lists the image for linux/arm64, but its config is for linux/amd64, so its layers may hold linux/amd64 files. The image is reported as linux/arm64, as the index lists it.`;

  it('readImage names both platforms', async () => {
    writeIndexLayout(root, { architecture: 'arm64' }, { architecture: 'amd64' });
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/arm64' });
    assert.equal(image.platform, 'linux/arm64');
    assert.deepEqual(image.problems, [warning(root)]);
  });

  it('image command reports it', async () => {
    writeIndexLayout(root, { architecture: 'arm64' }, { architecture: 'amd64' });
    const result = await captureCli(main, ['image', '--platform', 'linux/arm64', root]);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.includes(`Problem: ${warning(root)}\n`), result.stdout);
  });

  it('explain --base-image warns on stderr', async () => {
    writeIndexLayout(root, { architecture: 'arm64' }, { architecture: 'amd64' });
    const dockerfile = join(makeContext({ Dockerfile: 'FROM test:index\nRUN true\n' }), 'Dockerfile');
    const result = await captureCli(main, ['explain', '--platform', 'linux/arm64', '--base-image', `test:index=${root}`, dockerfile]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, `layer-lens explain: warning: --base-image test:index=${root}: ${warning(root)}\n`);
  });

  it('variant on one side agrees', async () => {
    writeIndexLayout(root, { architecture: 'arm64', variant: 'v8' }, { architecture: 'arm64' });
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/arm64' });
    assert.deepEqual(image.problems, []);
  });

  it('other variants disagree', async () => {
    writeIndexLayout(root, { architecture: 'arm', variant: 'v7' }, { architecture: 'arm', variant: 'v6' });
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/arm/v7' });
    assert.equal(image.problems.length, 1);
    assert.match(image.problems[0], /the index lists the image for linux\/arm\/v7, but its config is for linux\/arm\/v6/);
  });
});
