import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lacksTarEnd } from '../../../src/core/archive/tarEnd';
import { readImage } from '../../../src/core/image/readImage';
import { dockerArchive, plainLayer } from './imageBuilder';

/** Returns the offset of the header block of the member `name` in an uncompressed tar. */
function memberOffset(tar: Buffer, name: string): number {
  for (let offset = 0; offset + 512 <= tar.length; offset += 512) {
    if (tar.toString('latin1', offset, offset + name.length) === name && tar[offset + name.length] === 0) return offset;
  }
  throw new Error(`no member ${name}`);
}

describe('an archive cut between two members', () => {
  let folder: string;
  const archive = dockerArchive([plainLayer([{ name: 'a.txt', body: 'a' }])]);

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-cut-'));
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('is named as probably truncated', async () => {
    const cut = join(folder, 'cut.tar');
    writeFileSync(cut, archive.subarray(0, memberOffset(archive, 'manifest.json')));
    await assert.rejects(readImage({ kind: 'path', path: cut }), (error: Error) => {
      assert.equal(error.message, `${cut} is neither a docker-archive (no manifest.json) nor an OCI archive (no index.json). The file also ends without the empty blocks that close a tar archive, so it is probably truncated: copy or save it again.`);
      return true;
    });
  });

  it('whole archive ends with its closing blocks', async () => {
    const whole = join(folder, 'whole.tar');
    writeFileSync(whole, archive);
    assert.equal(await lacksTarEnd(whole), false);
  });

  it('compressed file is not judged', async () => {
    const compressed = join(folder, 'cut.tar.gz');
    writeFileSync(compressed, gzipSync(archive.subarray(0, memberOffset(archive, 'manifest.json'))));
    assert.equal(await lacksTarEnd(compressed), false);
  });
});
