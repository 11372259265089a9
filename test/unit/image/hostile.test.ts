import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ArchiveError } from '../../../src/core/archive/errors';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import { buildTar } from '../archive/tarBuilder';
import { dockerArchive, plainLayer, sha256 } from './imageBuilder';

const read = (archive: Buffer, options: { maxLayerBytes?: number } = {}) =>
  readImage({ kind: 'stream', stream: Readable.from([archive]), label: 'test.tar' }, options);

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ArchiveError, `expected an ArchiveError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected a rejection');
}

describe('readImage hostile input', () => {
  it('diff ID mismatch names the layer', async () => {
    const layer = plainLayer([{ name: 'a.txt', body: 'a' }]);
    const wrong = sha256('something else');
    const message = await rejection(read(dockerArchive([layer], { diffIds: [wrong] })));
    assert.equal(message, `test.tar: layer l0/layer.tar is corrupt: its uncompressed tar has digest ${sha256(layer.tar)}, but the config's diff ID is ${wrong}.`);
  });

  it('dot-dot entry is skipped', async () => {
    const layer = plainLayer([{ name: '../../etc/passwd', body: 'root' }, { name: 'ok.txt', body: 'ok' }]);
    const image = await read(dockerArchive([layer]));
    assert.deepEqual(image.layers[0].layer.entries.map((entry) => entry.path), ['/ok.txt']);
    assert.deepEqual(image.problems, ['test.tar: l0/layer.tar: the member name "../../etc/passwd" points outside the image\'s root filesystem with ".."; the entry is skipped, but Docker 20.10 stores it as /etc/passwd, since its ".." stops at the root.']);
  });

  it('dot-dot problem says where Docker puts it', async () => {
    // docker load and docker export on Docker 20.10.24 (overlay2) showed /escape and /esc2.
    const layer = plainLayer([{ name: '../../escape', body: 'E' }, { name: 'a/../../b/../../esc2', body: 'E' }]);
    const image = await read(dockerArchive([layer]));
    assert.deepEqual(image.problems, [
      'test.tar: l0/layer.tar: the member name "../../escape" points outside the image\'s root filesystem with ".."; the entry is skipped, but Docker 20.10 stores it as /escape, since its ".." stops at the root.',
      'test.tar: l0/layer.tar: the member name "a/../../b/../../esc2" points outside the image\'s root filesystem with ".."; the entry is skipped, but Docker 20.10 stores it as /esc2, since its ".." stops at the root.',
    ]);
  });

  it('absolute entry stays inside', async () => {
    const image = await read(dockerArchive([plainLayer([{ name: '/etc/motd', body: 'hi' }])]));
    assert.deepEqual(image.layers[0].layer.entries.map((entry) => entry.path), ['/etc/motd']);
  });

  it('truncated gzip layer', async () => {
    const tar = buildTar([{ name: 'big.bin', body: Buffer.alloc(200_000, 1) }]);
    const gz = gzipSync(tar);
    const message = await rejection(read(dockerArchive([{ blob: gz.subarray(0, gz.length >> 1), tar }])));
    assert.equal(message, 'test.tar: l0/layer.tar: gzip data is truncated or corrupt (unexpected end of file).');
  });

  it('gzip bomb layer', async () => {
    const tar = buildTar([{ name: 'zeros', body: Buffer.alloc(3 * 1024 * 1024) }]);
    const message = await rejection(read(dockerArchive([{ blob: gzipSync(tar), tar }]), { maxLayerBytes: 1024 * 1024 }));
    assert.match(message, /^test\.tar: l0\/layer\.tar inflates \(gzip\) to more than 1,048,576 bytes/);
  });

  it('whiteout of a missing path', async () => {
    const image = await read(dockerArchive([
      plainLayer([{ name: 'a.txt', body: 'a' }]),
      plainLayer([{ name: '.wh.ghost' }, { name: '.wh.a.txt' }]),
    ]));
    const { stack, problems } = stackImage(image);
    assert.deepEqual(stack.layers[1].entries.map((entry) => `${entry.change} ${entry.entry.path}`), ['deleted /ghost', 'deleted /a.txt']);
    assert.deepEqual(problems, ['test.tar: layer 1: the whiteout of /ghost deletes a path that no lower layer has.']);
  });

  it('invalid whiteout names', async () => {
    const image = await read(dockerArchive([plainLayer([{ name: 'd/.wh.' }, { name: 'd/.wh..' }, { name: 'd/.wh..wh.plnk' }])]));
    assert.deepEqual(image.layers[0].layer.entries, []);
    assert.deepEqual(image.problems, [
      'test.tar: l0/layer.tar: the whiteout "d/.wh." names no file; it is skipped.',
      'test.tar: l0/layer.tar: the whiteout "d/.wh.." names no file; it is skipped.',
    ]);
  });

  it('opaque marker before its directory', async () => {
    const image = await read(dockerArchive([plainLayer([{ name: 'd/.wh..wh..opq' }, { name: 'd', type: '5' }, { name: 'd/x', body: 'x' }])]));
    const entries = image.layers[0].layer.entries;
    assert.deepEqual(entries.map((entry) => entry.path), ['/d', '/d/x']);
    assert.equal(entries[0].op === 'write' && entries[0].opaque, true);
  });

  it('duplicate entry keeps the last', async () => {
    const image = await read(dockerArchive([plainLayer([{ name: 'f', body: 'one' }, { name: 'f', body: 'three' }])]));
    const entry = image.layers[0].layer.entries[0];
    assert.equal(image.layers[0].layer.entries.length, 1);
    assert.equal(entry.op === 'write' && entry.size, 5);
    assert.deepEqual(image.problems, ['test.tar: l0/layer.tar: /f appears more than once; the last entry is used.']);
  });

  it('manifest path outside the archive', async () => {
    const message = await rejection(read(dockerArchive([plainLayer([{ name: 'a', body: 'a' }])], { layerPaths: ['../../etc/layer.tar'] })));
    assert.equal(message, 'test.tar: manifest.json: the member name "../../etc/layer.tar" points outside the archive with "..".');
  });

  it('missing layer member', async () => {
    const message = await rejection(read(dockerArchive([plainLayer([{ name: 'a', body: 'a' }])], { layerPaths: ['nowhere/layer.tar'] })));
    assert.equal(message, 'test.tar: the layer nowhere/layer.tar is missing from the archive.');
  });

  it('neither manifest nor index', async () => {
    const message = await rejection(read(buildTar([{ name: 'hello.txt', body: 'hi' }])));
    assert.equal(message, 'test.tar is neither a docker-archive (no manifest.json) nor an OCI archive (no index.json). ' +
      'Pass a docker save archive, an OCI archive or layout folder, or docker://NAME.');
  });

  it('malformed manifest JSON', async () => {
    const message = await rejection(read(buildTar([{ name: 'manifest.json', body: '[{"Config": ' }])));
    assert.match(message, /^test\.tar: manifest\.json is not valid JSON: /);
  });

  it('not a tar at all', async () => {
    const message = await rejection(read(Buffer.from('hello, this is not an archive\n'.repeat(40))));
    assert.equal(message, 'test.tar is not a tar archive.');
  });
});
