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
      { name: 'h/d/sub/', type: '5' },
      { name: 'h/d/sub/b', body: 'b' },
    ]);
    const upper = plainLayer([{ name: 'h/d', body: 'x' }]);
    writeFileSync(archivePath, dockerArchive([lower, upper]));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('counts the paths in subfolders', async () => {
    const result = await captureCli(runImage, [archivePath]);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.ok(lines.includes('       ~ /h/d  1 B, replaces a folder of 4 paths'), result.stdout);
  });

  it('JSON lists the top deleted paths', async () => {
    const result = await captureCli(runImage, ['--json', archivePath]);
    assert.equal(result.status, 0, result.stderr);
    const deleted = JSON.parse(result.stdout).deleted as Array<{ path: string; layer: number }>;
    assert.deepEqual(deleted.filter((item) => item.layer === 1).map((item) => item.path).sort(), ['/h/d/f', '/h/d/l', '/h/d/sub']);
  });

  it('JSON counts the hidden paths', async () => {
    const result = await captureCli(runImage, ['--json', archivePath]);
    assert.equal(result.status, 0, result.stderr);
    const changes = JSON.parse(result.stdout).layers[1].changes as Array<{ path: string; hiddenPaths?: number }>;
    assert.equal(changes.find((change) => change.path === '/h/d')?.hiddenPaths, 4);
  });
});
