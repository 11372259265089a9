/**
 * Build context names that are not valid UTF-8, on real files. Linux stores a name as bytes, and
 * builders copy such a file under its raw name, which the image reader shows as `\xhh`. Node
 * decodes names as UTF-8, so the walk lists such a folder by the bytes of its names.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runImage } from '../../../src/cli/image';
import { main } from '../../../src/cli/main';
import { analyze } from '../../../src/core/analysis/analyze';
import { decodeMemberName } from '../../../src/core/archive/memberNames';
import { ContextDigests } from '../../../src/core/context/contextDigests';
import { contextHostPath, nameBytes } from '../../../src/core/context/hostNames';
import { isPublicPemFile } from '../../../src/core/context/publicPem';
import { walkContext } from '../../../src/core/context/walk';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { captureCli } from '../cli/capture';
import { dockerArchive } from '../image/imageBuilder';
import { changesAt, ownerAt } from '../predict/helpers';
import { raw, rawHostPath } from './latin1Names';

const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('context names not valid UTF-8', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'layer-lens-raw-names-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'Dockerfile'), 'FROM scratch\nCOPY src/ /app/\n');
    writeFileSync(join(root, 'src/ok.txt'), 'ok\n');
    writeFileSync(rawHostPath(root, 'src/lat\xe9in.txt'), 'c\n');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('walk keeps the raw name', async () => {
    mkdirSync(rawHostPath(root, 'd\xff'));
    writeFileSync(rawHostPath(root, 'd\xff/inner.txt'), 'abcd');
    writeFileSync(join(root, 'src/a\\xe9b'), 'abc');
    symlinkSync(raw('lat\xe9in.txt'), rawHostPath(root, 'src/link'));

    const index = await walkContext(root);

    assert.deepEqual(index.problems, []);
    assert.deepEqual(index.descendants('').map((file) => `${file.path} ${file.type} ${file.size}`), [
      'Dockerfile file 29',
      'd\\xff directory 0',
      'd\\xff/inner.txt file 4',
      'src directory 0',
      'src/a\\\\xe9b file 3',
      'src/lat\\xe9in.txt file 2',
      'src/link symlink 0',
      'src/ok.txt file 3',
    ]);
    assert.equal(index.get('src/link')?.linkTarget, 'lat\\xe9in.txt');
  });

  it('walk shows names as the image reader', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 12 }), async (bytes) => {
        const name = Buffer.from(bytes.filter((byte) => byte !== 0 && byte !== 0x2f));
        if (name.length === 0 || name.equals(raw('.')) || name.equals(raw('..'))) return;
        const folder = mkdtempSync(join(tmpdir(), 'layer-lens-raw-name-'));
        try {
          writeFileSync(Buffer.concat([Buffer.from(`${folder}/`), name]), 'x');
          const index = await walkContext(folder);
          assert.deepEqual(index.problems, []);
          assert.deepEqual(index.descendants('').map((file) => file.path), [decodeMemberName(name)]);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shown names map back to bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (bytes) => {
        const name = Buffer.from(bytes);
        assert.ok(nameBytes(decodeMemberName(name)).equals(name));
      }),
      { numRuns: 2000 },
    );
    assert.ok(nameBytes('plain\\name').equals(raw('plain\\name')));
    assert.equal(contextHostPath('/ctx', 'src/ok.txt'), '/ctx/src/ok.txt');
    assert.deepEqual(contextHostPath('/ctx', 'd\\xff/lat\\xe9in'), raw('/ctx/d\xff/lat\xe9in'));
  });

  it('COPY predicts the raw name exactly', async () => {
    const result = await captureCli(main, ['explain', '--json', join(root, 'Dockerfile')]);

    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as ExplainJson;
    assert.deepEqual(json.problems, []);
    const layer = json.layers.find((candidate) => candidate.line === 2);
    assert.ok(layer);
    assert.equal(layer.certainty, 'exact');
    assert.equal(layer.size, 5);
    const changes = layer.changes.map((change) => `${change.path} ${change.change} ${change.size} ${change.certainty}`);
    assert.deepEqual(changes, [
      '/app added 0 exact',
      '/app/lat\\xe9in.txt added 2 exact',
      '/app/ok.txt added 3 exact',
    ]);
  });

  it('image agrees on the raw name', async () => {
    const archive = join(root, 'image.tar');
    writeFileSync(archive, dockerArchive([gnuTarLayer(root)], {
      history: [{ created_by: '/bin/sh -c #(nop) COPY dir:0f2b3e7f6d1c in /app/ ' }],
    }));

    const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', join(root, 'Dockerfile'), archive]);

    assert.equal(status, 0, stderr);
    assert.ok(stdout.includes('/app/lat\\xe9in.txt'), stdout);
    assert.ok(!stdout.includes('differs from the prediction'), stdout);
  });

  it('image names changed content', async () => {
    const archive = join(root, 'image.tar');
    writeFileSync(archive, dockerArchive([gnuTarLayer(root)], {
      history: [{ created_by: '/bin/sh -c #(nop) COPY dir:0f2b3e7f6d1c in /app/ ' }],
    }));
    writeFileSync(rawHostPath(root, 'src/lat\xe9in.txt'), 'C\n');

    const { stdout } = await captureCli(runImage, ['--dockerfile', join(root, 'Dockerfile'), archive]);

    assert.ok(stdout.includes('/app/lat\\xe9in.txt has other content in the image than in the build context, at the same size (2 B).'), stdout);
  });

  it('ADD extracts a raw-named tar', async () => {
    writeFileSync(rawHostPath(root, 'src/arc\xe9.tar'), tarHolding(root, 'inner.txt', 'inner\n'));
    writeFileSync(join(root, 'src/plain.tar'), tarHolding(root, 'inner.txt', 'inner\n'));
    const text = 'FROM scratch\nADD src/*.tar /x/\n';

    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text });

    // Docker Engine 20.10's classic builder wrote x/ and x/inner.txt (6 B) for this context.
    assert.deepEqual(changesAt(analysis, 2), ['/x added directory', '/x/inner.txt added file']);
    assert.equal(analysis.stack.lookup('/x/inner.txt')?.entry.size, 6);
    assert.deepEqual(analysis.problems, []);
  });

  it('--chown reads a raw-named passwd', async () => {
    writeFileSync(rawHostPath(root, 'src/pass\xe9wd'), 'app:x:1234:1234::/home/app:/bin/sh\n');
    const text = 'FROM scratch\nCOPY src/pass* /etc/passwd\nCOPY --chown=app src/ok.txt /o\n';

    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text });

    assert.equal(ownerAt(analysis, 3, '/o'), '1234:1234 exact');
  });

  it('digest reads the raw name', () => {
    const digest = new ContextDigests(root).forComparison();

    assert.equal(digest('src/lat\\xe9in.txt', 2), createHash('sha256').update('c\n').digest('hex'));
  });

  it('PEM check reads the raw name', () => {
    writeFileSync(rawHostPath(root, 'ca\xe9.pem'), CERTIFICATE);

    assert.equal(isPublicPemFile(root, 'ca\\xe9.pem'), true);
  });
});

/** Returns a tar, written by GNU tar, that contains one file `name` with `content`. */
function tarHolding(root: string, name: string, content: string): Buffer {
  const staging = mkdtempSync(join(root, '.tar-'));
  writeFileSync(join(staging, name), content);
  const tar = execFileSync('tar', ['--format=gnu', '-C', staging, '-cf', '-', name]);
  rmSync(staging, { recursive: true, force: true });
  return tar;
}

/**
 * Returns a layer that GNU tar writes from a copy of `src/` under `app/`, as a builder's COPY
 * layer stores it: the raw name goes into the tar as its bytes.
 */
function gnuTarLayer(root: string): { blob: Buffer; tar: Buffer } {
  const staging = join(root, '.layer');
  mkdirSync(join(staging, 'app'), { recursive: true });
  writeFileSync(join(staging, 'app/ok.txt'), 'ok\n');
  writeFileSync(rawHostPath(staging, 'app/lat\xe9in.txt'), 'c\n');
  const tar = execFileSync('tar', ['--format=gnu', '--numeric-owner', '--owner=0', '--group=0', '-C', staging, '-cf', '-', 'app']);
  rmSync(staging, { recursive: true, force: true });
  return { blob: tar, tar };
}
