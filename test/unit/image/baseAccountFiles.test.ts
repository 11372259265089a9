import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { knownImageOf } from '../../../src/core/image/knownImage';
import { readImage } from '../../../src/core/image/readImage';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { dockerArchive, plainLayer } from './imageBuilder';

// A busybox root filesystem imported by Docker Engine 20.10. Its /etc/passwd names the user
// app (1000:1000); see fixtures/images/README.md.
const busybox = join(__dirname, '../../fixtures/images/busybox-local-2.tar');

const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';

/** Returns the owner and certainty of `path` in the layer of the Dockerfile's line `line`. */
function ownerAt(analysis: Analysis, line: number, path: string): string {
  const step = analysis.steps.find((candidate) => candidate.line === line);
  assert.ok(step, `a step starts on line ${line}`);
  assert.equal(step.emptyLayer, false, `line ${line} makes a layer`);
  const found = analysis.stack.layers[step.index].entries.find(({ entry }) => entry.path === path);
  assert.ok(found, `line ${line} lists ${path}`);
  assert.ok(found.entry.op === 'write', `${path} is written on line ${line}`);
  return `${found.entry.uid}:${found.entry.gid} ${found.entry.certainty}`;
}

describe('account files of a read base image', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-accounts-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('real image keeps its passwd and group', async () => {
    const known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
    assert.equal(known.textFiles?.['/etc/passwd'], passwd);
    assert.equal(known.textFiles?.['/etc/group'], 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
  });

  it('chown and USER resolve through the base', async () => {
    const known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
    writeFileSync(join(folder, 'app.conf'), 'port=80\n');
    const text = 'FROM busybox-local:2\nCOPY --chown=app:app app.conf /srv/app.conf\nUSER app\nRUN touch /tmp/ready\n';
    const dockerfilePath = join(folder, 'Dockerfile');
    writeFileSync(dockerfilePath, text);
    const analysis = await analyze({ dockerfilePath, text, builder: 'classic', images: (reference) => (reference === 'busybox-local:2' ? known : undefined) });
    assert.equal(ownerAt(analysis, 2, '/srv/app.conf'), '1000:1000 exact');
    assert.equal(ownerAt(analysis, 4, '/tmp/ready'), '1000:1000 exact');
  });

  it('upper layer text wins', async () => {
    const upper = 'root:x:0:0:root:/root:/bin/sh\nweb:x:33:33::/var/www:/bin/sh\n';
    const archive = dockerArchive([
      plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/passwd', body: passwd }, { name: 'etc/group', body: 'root:x:0:\n' }]),
      plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/passwd', body: upper }]),
    ]);
    const known = await knownFrom(archive);
    assert.equal(known.textFiles?.['/etc/passwd'], upper);
    assert.equal(known.textFiles?.['/etc/group'], 'root:x:0:\n');
  });

  it('whiteout hides the text', async () => {
    const archive = dockerArchive([
      plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/passwd', body: passwd }]),
      plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/.wh.passwd' }]),
    ]);
    const known = await knownFrom(archive);
    assert.deepEqual(known.textFiles, {});
  });

  it('base entries stop below the build', async () => {
    const archive = dockerArchive([
      plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/passwd', body: passwd }]),
      plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/passwd', body: 'root:x:0:0::/root:/bin/sh\n' }]),
    ]);
    const image = await readImage({ kind: 'path', path: await written(archive) });
    assert.equal(knownImageOf(image, 1).textFiles?.['/etc/passwd'], passwd);
  });

  it('large or other files are not kept', async () => {
    const large = 'x'.repeat(1024 * 1024 + 1);
    const archive = dockerArchive([
      plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/passwd', body: large }, { name: 'etc/hosts', body: '127.0.0.1 localhost\n' }]),
    ]);
    const image = await readImage({ kind: 'path', path: await written(archive) });
    assert.deepEqual([...(image.layers[0].textFiles?.keys() ?? [])], []);
  });

  async function written(archive: Buffer): Promise<string> {
    const path = join(folder, 'image.tar');
    writeFileSync(path, archive);
    return path;
  }

  async function knownFrom(archive: Buffer): Promise<KnownImage> {
    return knownImageOf(await readImage({ kind: 'path', path: await written(archive) }));
  }
});
