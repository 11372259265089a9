/** The text report of `layer-lens image` for a file that replaces a folder of a lower layer. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from '../cli/capture';
import { dockerArchive, plainLayer } from './imageBuilder';

describe('file replacing a folder in image text', () => {
  let folder: string;
  let archivePath: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-replaced-folder-'));
    archivePath = join(folder, 'image.tar');
    const lower = plainLayer([
      { name: 'h/', type: '5' },
      { name: 'h/d/', type: '5' },
      { name: 'h/d/l', type: '2', linkname: '/etc' },
      { name: 'h/d/f', body: 'abc' },
    ]);
    const upper = plainLayer([{ name: 'h/d', body: 'x' }]);
    writeFileSync(archivePath, dockerArchive([lower, upper]));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('names the paths the folder held', async () => {
    const result = await captureCli(runImage, [archivePath]);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.ok(lines.includes('       ~ /h/d  1 B, replaces a folder of 2 paths'), result.stdout);
  });

  it('JSON lists the same paths as deleted', async () => {
    const result = await captureCli(runImage, ['--json', archivePath]);
    assert.equal(result.status, 0, result.stderr);
    const deleted = JSON.parse(result.stdout).deleted as Array<{ path: string; layer: number }>;
    assert.deepEqual(deleted.filter((item) => item.layer === 1).map((item) => item.path).sort(), ['/h/d/f', '/h/d/l']);
  });
});
