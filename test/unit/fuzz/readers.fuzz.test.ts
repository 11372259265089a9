/**
 * Property-based tests of the tar and image readers on random mutations of real fixtures: a
 * mutated input is read or rejected with an `ArchiveError`, never a crash or a hang.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { listArchive } from '../../../src/core/archive/listArchive';
import { ArchiveError } from '../../../src/core/archive/errors';
import { readImage } from '../../../src/core/image/readImage';
import { fuzzParameters, fuzzTimeout } from './settings';

const RUNS = 25;
const images = join(__dirname, '../../fixtures/images');
const archives = ['add/members.tar', 'add/members-pax.tar', 'add/members.tar.gz', 'add/members.tar.bz2', 'add/members.tar.xz', 'add/members.tar.zst']
  .map((name) => ({ name, bytes: readFileSync(join(images, name)) }));
const dockerArchive = readFileSync(join(images, '16-rm-rf-recreate.docker-overlay2.tar'));

/** One change to a byte string: overwrite bytes, cut the end, or insert bytes. */
type Mutation = { kind: 'overwrite' | 'insert'; at: number; bytes: Uint8Array } | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/**
 * Applies mutations; offsets wrap around the current length. `focus` bytes from the start get
 * most offsets, because headers sit there and random offsets elsewhere mostly hit file bodies.
 */
function mutate(input: Buffer, mutations: Mutation[], focus: number): Buffer {
  let bytes = Buffer.from(input);
  mutations.forEach((change, index) => {
    const span = index % 2 === 0 ? Math.min(focus, bytes.length) : bytes.length;
    const at = span === 0 ? 0 : change.at % span;
    if (change.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (change.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
    else bytes.set(change.bytes.subarray(0, Math.max(0, bytes.length - at)), at);
  });
  return bytes;
}

/** Runs `read` and accepts a result or an `ArchiveError`; anything else fails the property. */
async function readOrReject(read: () => Promise<unknown>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (error instanceof ArchiveError) {
      assert.notEqual(error.message.trim(), '');
      return;
    }
    throw error;
  }
}

describe('reader fuzz', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-fuzz-readers-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('listArchive of mutated archives', async function () {
    this.timeout(fuzzTimeout(RUNS * 4, 1));
    const path = join(scratch, 'mutated');
    await fc.assert(fc.asyncProperty(fc.constantFrom(...archives), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (archive, mutations) => {
      writeFileSync(path, mutate(archive.bytes, mutations, 1024));
      const listing = await listArchive(path, { maxBytes: 1024 * 1024 });
      // A listing either succeeds or explains itself; a problem leaves no half-read entries.
      if (listing.problem !== undefined) {
        assert.notEqual(listing.problem, '');
        assert.deepEqual(listing.entries, []);
      }
      for (const member of listing.entries) assert.ok(!member.path.startsWith('/') && !member.path.split('/').includes('..'), member.path);
    }), fuzzParameters(RUNS * 4));
  });

  it('readImage of mutated docker-archives', async function () {
    this.timeout(fuzzTimeout(RUNS, 3));
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
      const bytes = mutate(dockerArchive, mutations, 4096);
      await readOrReject(() => readImage({ kind: 'stream', stream: Readable.from([bytes]), label: 'mutated.tar' }, { maxLayerBytes: 64 * 1024 * 1024 }));
    }), fuzzParameters(RUNS));
  });

  it('readImage of OCI layouts with random JSON', async function () {
    this.timeout(fuzzTimeout(RUNS * 2, 1));
    let run = 0;
    const document = fc.oneof(fc.json(), fc.jsonValue().map((value) => JSON.stringify({ schemaVersion: 2, manifests: [value], layers: [value], config: value })));
    await fc.assert(fc.asyncProperty(document, fc.constantFrom('index.json', 'oci-layout'), async (text, name) => {
      const root = join(scratch, `layout-${run++}`);
      mkdirSync(join(root, 'blobs/sha256'), { recursive: true });
      writeFileSync(join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
      writeFileSync(join(root, 'index.json'), '{"schemaVersion":2,"manifests":[]}');
      writeFileSync(join(root, name), text);
      await readOrReject(() => readImage({ kind: 'path', path: root }));
    }), fuzzParameters(RUNS * 2));
  });
});
