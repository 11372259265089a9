/** Choosing one image of an archive or OCI layout that contains several, with `--image`. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { main } from '../../../src/cli/main';
import { readImage } from '../../../src/core/image/readImage';
import { readLayerFile } from '../../../src/core/image/layerFile';
import { captureCli } from '../cli/capture';
import { multiImageArchive, multiImageLayout } from './multiImage';

/** Returns the content of `/name` in the image read with `image`. */
async function nameIn(path: string, image?: string): Promise<string> {
  const file = await readLayerFile({ kind: 'path', path }, 0, '/name', { image });
  return file.kind === 'file' ? file.bytes.toString() : '';
}

const runCli = (argv: string[]) => captureCli(runImage, argv);

describe('choosing one of several images', () => {
  let scratch: string;
  let archivePath: string;
  let layoutPath: string;
  let configDigests: string[];

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-choose-image-'));
    const built = multiImageArchive([
      { tags: ['df1:bye', 'df1:hi'], content: 'one' },
      { tags: ['df2:latest'], content: 'two' },
      { tags: [], content: 'three' },
    ]);
    configDigests = built.configDigests;
    archivePath = join(scratch, 'both.tar');
    writeFileSync(archivePath, built.archive);
    layoutPath = join(scratch, 'layout.tar');
    writeFileSync(layoutPath, multiImageLayout([{ refName: 'app:1', content: 'first' }, { refName: 'app:2', content: 'second' }]));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('first image by default, with a note', async () => {
    const image = await readImage({ kind: 'path', path: archivePath });
    assert.equal(image.reference, 'df1:bye');
    const expected = `${archivePath} contains 3 images (df1:bye, df1:hi, df2:latest, untagged ${configDigests[2]}); the first is read. Choose another with --image NAME.`;
    assert.deepEqual(image.problems, [expected]);
  });

  it('image by tag', async () => {
    const image = await readImage({ kind: 'path', path: archivePath }, { image: 'df2:latest' });
    assert.equal(image.reference, 'df2:latest');
    assert.deepEqual(image.problems, []);
    assert.equal(await nameIn(archivePath, 'df2:latest'), 'two');
  });

  it('second tag of one image', async () => {
    const image = await readImage({ kind: 'path', path: archivePath }, { image: 'df1:hi' });
    assert.equal(image.reference, 'df1:hi');
    assert.equal(await nameIn(archivePath, 'df1:hi'), 'one');
  });

  it('name without a tag means latest', async () => {
    assert.equal((await readImage({ kind: 'path', path: archivePath }, { image: 'df2' })).reference, 'df2:latest');
  });

  it('untagged image by ID prefix', async () => {
    const id = configDigests[2].slice('sha256:'.length, 'sha256:'.length + 12);
    assert.equal(await nameIn(archivePath, id), 'three');
    assert.equal((await readImage({ kind: 'path', path: archivePath }, { image: configDigests[2] })).reference, configDigests[2]);
  });

  it('unknown name lists the images', async () => {
    const expected = `${archivePath} has no image named df3:latest (a name without a tag means :latest); it contains df1:bye, df1:hi, df2:latest, untagged ${configDigests[2]}.`;
    await assert.rejects(readImage({ kind: 'path', path: archivePath }, { image: 'df3' }), { message: expected });
  });

  it('unknown tag names no :latest', async () => {
    const expected = `${archivePath} has no image named df1:why; it contains df1:bye, df1:hi, df2:latest, untagged ${configDigests[2]}.`;
    await assert.rejects(readImage({ kind: 'path', path: archivePath }, { image: 'df1:why' }), { message: expected });
  });

  it('unknown name lists five images', async () => {
    const images = Array.from({ length: 7 }, (_, index) => ({ tags: [`app:${index}`], content: String(index) }));
    const sevenPath = join(scratch, 'seven.tar');
    writeFileSync(sevenPath, multiImageArchive(images).archive);
    const expected = `${sevenPath} has no image named app:latest (a name without a tag means :latest); it contains app:0, app:1, app:2, app:3, app:4 and 2 more.`;
    await assert.rejects(readImage({ kind: 'path', path: sevenPath }, { image: 'app' }), { message: expected });
  });

  it('OCI layout by ref name', async () => {
    assert.equal(await nameIn(layoutPath, 'app:2'), 'second');
    assert.equal((await readImage({ kind: 'path', path: layoutPath }, { image: 'app:1' })).reference, 'app:1');
  });

  it('OCI layout without a name', async () => {
    await assert.rejects(readImage({ kind: 'path', path: layoutPath }), { message: `${layoutPath} contains 2 images (app:1, app:2); choose one with --image NAME.` });
  });

  it('OCI layout with an unknown name', async () => {
    await assert.rejects(readImage({ kind: 'path', path: layoutPath }, { image: 'app:3' }), { message: `${layoutPath} has no image named app:3; it contains app:1, app:2.` });
  });

  it('CLI --image option', async () => {
    const chosen = await runCli(['--json', '--image', 'df2:latest', archivePath]);
    assert.equal(chosen.status, 0, chosen.stderr);
    assert.equal(JSON.parse(chosen.stdout).image.reference, 'df2:latest');
    const missing = await runCli(['--image', 'nope', archivePath]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /has no image named nope:latest \(a name without a tag means :latest\); it contains df1:bye/);
  });

  it('CLI --image with docker://', async () => {
    const result = await runCli(['--image', 'a', 'docker://alpine']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--image chooses an image in an archive or OCI layout/);
  });
});

describe('explain --base-image of an archive of several images', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-base-choice-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  /** Returns the config digest of the base image `explain --json` read for `FROM reference`. */
  async function readConfigDigest(reference: string, archive: string): Promise<string> {
    const dockerfile = join(folder, 'Dockerfile');
    writeFileSync(dockerfile, `FROM ${reference}\nENV A=1\n`);
    const result = await captureCli(main, ['explain', '--json', '--base-image', `${reference}=${archive}`, dockerfile]);
    assert.equal(result.status, 0, result.stderr);
    const baseImages = (JSON.parse(result.stdout) as { baseImages: Array<{ configDigest: string }> }).baseImages;
    assert.equal(baseImages.length, 1);
    return baseImages[0].configDigest;
  }

  it('reads the image tagged REF', async () => {
    const { archive, configDigests } = multiImageArchive([{ tags: ['node:20'], content: 'node' }, { tags: ['alpine:3.20'], content: 'alpine' }]);
    const path = join(folder, 'two.tar');
    writeFileSync(path, archive);
    assert.equal(await readConfigDigest('alpine:3.20', path), configDigests[1]);
    assert.equal(await readConfigDigest('node:20', path), configDigests[0]);
  });

  it('untagged REF reads the only image', async () => {
    const { archive, configDigests } = multiImageArchive([{ tags: ['mybase:tmp'], content: 'base' }]);
    const path = join(folder, 'one.tar');
    writeFileSync(path, archive);
    assert.equal(await readConfigDigest('debian:12', path), configDigests[0]);
  });
});
