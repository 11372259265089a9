/**
 * listArchive must close the archive file when reading stops early, whatever the compression.
 * Each input is padded to megabytes so that the reader fails long before the file's end. With a
 * small file the read may reach the end first, which closes the file and hides a leak.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listArchive } from '../../../src/core/archive/listArchive';
import { countUnclosedFileHandles } from '../fileHandles';

const fixtures = join(__dirname, '../../fixtures/images/add');
const padding = Buffer.alloc(4 * 1024 * 1024, 'x');
/** A gzip member header, then a deflate block of the reserved type 3, which zlib rejects. */
const badDeflate = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x07]);

const cases: Array<{ name: string; bytes: () => Buffer; problem: string }> = [
  { name: 'gzip of a non-tar', bytes: () => gzipSync(padding, { level: 0 }), problem: ' is not a tar archive.' },
  { name: 'corrupt deflate data', bytes: () => Buffer.concat([badDeflate, padding]), problem: ': gzip data is truncated or corrupt (invalid block type).' },
  { name: 'zstd then garbage', bytes: () => withPadding('members.tar.zst'), problem: ': zstd data is truncated or corrupt (invalid zstd data).' },
  { name: 'xz then garbage', bytes: () => withPadding('members.tar.xz'), problem: ': xz data is truncated or corrupt (get_next_output failed with error code 5).' },
  { name: 'bzip2 then garbage', bytes: () => withPadding('members.tar.bz2'), problem: ': bzip2 data is truncated or corrupt (No magic number found).' },
  { name: 'plain non-tar', bytes: () => padding, problem: ' is not a tar archive.' },
];

function withPadding(fixture: string): Buffer {
  return Buffer.concat([readFileSync(join(fixtures, fixture)), padding]);
}

describe('listArchive closes files', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-closes-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const { name, bytes, problem } of cases) {
    it(name, async () => {
      const path = join(scratch, name.replace(/ /g, '-'));
      writeFileSync(path, bytes());

      const { result, opened, unclosed } = await countUnclosedFileHandles(() => listArchive(path));

      assert.equal(result.problem, path + problem);
      assert.ok(opened > 0, 'no FileHandle was opened, so the check proves nothing');
      assert.equal(unclosed, 0, 'FileHandles left open for garbage collection to close');
    });
  }
});
