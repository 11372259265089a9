import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listArchive, type ArchiveMember } from '../../../src/core/archive/listArchive';
import { buildTar } from './tarBuilder';

const fixtures = join(__dirname, '../../fixtures/images/add');
const longName = 'app/' + 'long-name-'.repeat(12) + '.txt';

const expectedMembers: ArchiveMember[] = [
  { path: 'app', type: 'directory', size: 0, mode: 0o755, uid: 1000, gid: 1000 },
  { path: 'app/hard.txt', type: 'file', size: 6, mode: 0o644, uid: 1000, gid: 1000 },
  { path: 'app/hello.txt', type: 'hardlink', size: 0, mode: 0o644, uid: 1000, gid: 1000, linkTarget: 'app/hard.txt' },
  { path: 'app/link', type: 'symlink', size: 0, mode: 0o777, uid: 1000, gid: 1000, linkTarget: 'hello.txt' },
  { path: longName, type: 'file', size: 5, mode: 0o644, uid: 1000, gid: 1000 },
  { path: 'app/sub', type: 'directory', size: 0, mode: 0o750, uid: 1000, gid: 1000 },
  { path: 'app/sub/data.bin', type: 'file', size: 300, mode: 0o600, uid: 1000, gid: 1000 },
];

describe('listArchive', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-list-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer) => {
    const path = join(scratch, name);
    writeFileSync(path, bytes);
    return path;
  };

  for (const [file, compression] of [
    ['members.tar', 'none'],
    ['members-pax.tar', 'none'],
    ['members.tar.gz', 'gzip'],
    ['members.tar.bz2', 'bzip2'],
    ['members.tar.xz', 'xz'],
    ['members.tar.zst', 'zstd'],
  ] as const) {
    it(`${file} members`, async () => {
      const listing = await listArchive(join(fixtures, file));
      assert.equal(listing.problem, undefined);
      assert.equal(listing.compression, compression);
      assert.deepEqual(listing.entries, expectedMembers);
      assert.deepEqual(listing.skipped, []);
    });
  }

  it('plain file is not a tar', async () => {
    const path = write('notes.txt', Buffer.from('just some text\n'.repeat(100)));
    const listing = await listArchive(path);
    assert.deepEqual(listing.entries, []);
    assert.equal(listing.problem, `${path} is not a tar archive.`);
  });

  it('gzip of a plain file is not a tar', async () => {
    const path = write('notes.txt.gz', gzipSync('just some text\n'.repeat(100)));
    const listing = await listArchive(path);
    assert.equal(listing.compression, 'gzip');
    assert.equal(listing.problem, `${path} is not a tar archive.`);
  });

  it('truncated gzip', async () => {
    const whole = gzipSync(buildTar([{ name: 'a.bin', body: Buffer.alloc(100_000, 7) }]));
    const path = write('cut.tar.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const listing = await listArchive(path);
    assert.deepEqual(listing.entries, []);
    assert.match(listing.problem ?? '', /^.*cut\.tar\.gz: gzip data is truncated or corrupt \(unexpected end of file\)\.$/);
  });

  it('truncated tar', async () => {
    const path = write('cut.tar', buildTar([{ name: 'a.txt', body: 'abc', declaredSize: 5000 }], { truncate: true }));
    const listing = await listArchive(path);
    assert.equal(listing.problem, `${path} is a truncated tar archive: it ends inside the member "a.txt", so the file is incomplete. Copy or save it again.`);
  });

  it('gzip bomb stops at the limit', async () => {
    const path = write('bomb.tar.gz', gzipSync(buildTar([{ name: 'zeros', body: Buffer.alloc(4 * 1024 * 1024) }])));
    const listing = await listArchive(path, { maxBytes: 1024 * 1024 });
    assert.deepEqual(listing.entries, []);
    assert.equal(listing.problem, `${path} inflates (gzip) to more than 1,048,576 bytes, the limit on the uncompressed size of one layer or compressed file, and may be a decompression bomb. Raise the limit only for input you trust.`);
  });

  it('climbing names are clamped', async () => {
    const path = write('unsafe.tar', buildTar([
      { name: '../escape.txt', body: 'x' },
      { name: '/abs/file.txt', body: 'y' },
      { name: 'ok/../fine.txt', body: 'z' },
      { name: 'hard', type: '1', linkname: '../../etc/shadow' },
    ]));
    const listing = await listArchive(path);
    assert.equal(listing.problem, undefined);
    assert.deepEqual(listing.entries.map((member) => member.path), ['escape.txt', 'abs/file.txt', 'fine.txt', 'hard']);
    assert.equal(listing.entries[0]?.climbingName, '../escape.txt');
    assert.equal(listing.entries[2]?.climbingName, undefined);
    assert.equal(listing.entries[3]?.linkTarget, 'etc/shadow');
    assert.equal(listing.entries[3]?.climbingLinkTarget, '../../etc/shadow');
    assert.equal(listing.entries[3]?.missingTarget, true);
    assert.deepEqual(listing.skipped, []);
  });

  it('FIFOs and devices are empty files', async () => {
    const path = write('special.tar', buildTar([
      { name: 'fifo', type: '6', mode: 0o640 },
      { name: 'tty', type: '3' },
      { name: 'disk', type: '4' },
      { name: 'link', type: '2', linkname: 'fifo', mode: 0o644 },
    ]));
    const listing = await listArchive(path);
    assert.deepEqual(listing.entries, [
      { path: 'fifo', type: 'file', special: 'FIFO', size: 0, mode: 0o640, uid: 0, gid: 0 },
      { path: 'tty', type: 'file', special: 'character device', size: 0, mode: 0o644, uid: 0, gid: 0 },
      { path: 'disk', type: 'file', special: 'block device', size: 0, mode: 0o644, uid: 0, gid: 0 },
      { path: 'link', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: 'fifo' },
    ]);
    assert.deepEqual(listing.skipped, []);
  });

  it('missing file', async () => {
    const path = join(scratch, 'absent.tar');
    const listing = await listArchive(path);
    assert.match(listing.problem ?? '', /absent\.tar cannot be read: ENOENT/);
  });
});
