import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { knownImageOf } from '../../../src/core/image/knownImage';
import { readImage } from '../../../src/core/image/readImage';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import type { TestEntry } from '../archive/tarBuilder';
import { dockerArchive, plainLayer } from '../image/imageBuilder';

// A busybox root filesystem imported by Docker Engine 20.10, whose layer tar has a `./` entry of
// 0:0 0755 (see fixtures/images/README.md).
const busybox = join(__dirname, '../../fixtures/images/busybox-local-2.tar');

// The programs a RUN starts, as a BusyBox image lays them out: a stand-in for the binary and its applet links.
const programs: TestEntry[] = [
  { name: 'bin/', type: '5' },
  { name: 'bin/busybox', body: '#!/bin/busybox\n', mode: 0o755 },
  { name: 'bin/sh', type: '2', linkname: 'busybox' },
  { name: 'bin/cat', type: '2', linkname: 'busybox' },
  { name: 'bin/touch', type: '2', linkname: 'busybox' },
];

/** Returns the certainty of the step on line `line`. */
function certaintyAt(analysis: Analysis, line: number): string | undefined {
  return analysis.steps.find((step) => step.line === line)?.certainty;
}

/** Returns the messages of the analysis's errors. */
function errors(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
}

describe('folders a read base image does not list', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-root-folder-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function analyzeOn(known: KnownImage, text: string, builder: BuilderKind = 'classic'): Promise<Analysis> {
    const dockerfilePath = join(folder, 'Dockerfile');
    writeFileSync(dockerfilePath, text);
    return analyze({ dockerfilePath, text, builder, images: (reference) => (reference === 'base:1' ? known : undefined) });
  }

  async function knownFrom(archive: Buffer): Promise<KnownImage> {
    const path = join(folder, 'image.tar');
    writeFileSync(path, archive);
    return knownImageOf(await readImage({ kind: 'path', path }));
  }

  describe('owner and mode of /', () => {
    it('real image: ./ entry is read', async () => {
      const image = await readImage({ kind: 'path', path: busybox });
      assert.deepEqual(image.layers[0].rootFolder, { mode: 0o755, uid: 0, gid: 0 });
      assert.deepEqual(knownImageOf(image).rootEntry, { mode: 0o755, uid: 0, gid: 0 });
    });

    it('USER 1000 touch /u fails', async () => {
      // Docker Engine 20.10's classic builder failed this RUN with "touch: /u: Permission denied".
      const known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
      const analysis = await analyzeOn(known, 'FROM base:1\nUSER 1000\nRUN touch /u\n');
      assert.deepEqual(errors(analysis), [
        'This RUN ends with a non-zero exit status because touch needs write permission in /, which user 1000 lacks (owner 0:0, mode 0755), so the build fails on this line.',
      ]);
    });

    it('USER 1000 mkdir in /tmp works', async () => {
      const known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
      const analysis = await analyzeOn(known, 'FROM base:1\nUSER 1000\nRUN mkdir -p /tmp/x\n');
      assert.deepEqual(errors(analysis), []);
      assert.equal(certaintyAt(analysis, 3), 'exact');
    });

    it('tar without ./ gives 0:0 0755', async () => {
      const known = await knownFrom(dockerArchive([plainLayer([...programs, { name: 'etc/', type: '5' }])]));
      assert.equal(known.rootEntry, null);
      const analysis = await analyzeOn(known, 'FROM base:1\nUSER 1000\nRUN touch /u\n');
      assert.equal(errors(analysis).length, 1);
      assert.match(errors(analysis)[0], /needs write permission in \/, which user 1000 lacks \(owner 0:0, mode 0755\)/);
    });

    it('buildah, tar without ./: 0:0 0555', async () => {
      // buildah 1.28.2 showed `/` as 0:0 0555 in a RUN on vfs and on overlay storage from such a base.
      const known = await knownFrom(dockerArchive([plainLayer([...programs, { name: 'etc/', type: '5' }])]));
      const analysis = await analyzeOn(known, 'FROM base:1\nUSER 1000\nRUN touch /u\n', 'buildah');
      assert.deepEqual(errors(analysis), [
        'This RUN ends with a non-zero exit status because touch needs write permission in /, which user 1000 lacks (owner 0:0, mode 0555), so the build fails on this line.',
      ]);
    });

    it('buildah, ./ entry of 0755: 0755', async () => {
      // buildah 1.28.2 showed `/` as 0:0 0755 in a RUN on a base whose `./` entry is 0:0 0755.
      const known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
      const analysis = await analyzeOn(known, 'FROM base:1\nUSER 1000\nRUN touch /u\n', 'buildah');
      assert.equal(errors(analysis).length, 1);
      assert.match(errors(analysis)[0], /\(owner 0:0, mode 0755\)/);
    });

    it('top ./ entry other than 0755 is uncertain', async () => {
      // Docker Engine 20.10 kept this `./` mode on vfs storage, but showed `/` as 0755 on overlay2.
      const open = await knownFrom(dockerArchive([plainLayer([{ name: './', type: '5', mode: 0o777 }, ...programs])]));
      assert.deepEqual(open.rootEntry, { mode: 0o777, uid: 0, gid: 0 });
      for (const builder of ['classic', 'buildah'] as const) {
        const analysis = await analyzeOn(open, 'FROM base:1\nUSER 1000\nRUN touch /u\n', builder);
        assert.deepEqual(errors(analysis), [], builder);
        assert.equal(certaintyAt(analysis, 3), 'estimated', builder);
      }
    });

    it('top ./ entry of 0755 wins', async () => {
      const known = await knownFrom(dockerArchive([
        plainLayer([{ name: './', type: '5', mode: 0o777 }, ...programs]),
        plainLayer([{ name: './', type: '5', mode: 0o755 }]),
      ]));
      assert.deepEqual(known.rootEntry, { mode: 0o755, uid: 0, gid: 0 });
    });

    it('RUN chmod of / leaves an estimate', async () => {
      // BuildKit's layers carry no `/` either, but whether its next RUN finds the mode was not measured.
      const known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
      const analysis = await analyzeOn(known, 'FROM base:1\nRUN chmod 777 /\nUSER 1000\nRUN touch /u\n', 'buildkit');
      assert.deepEqual(errors(analysis), []);
      assert.equal(certaintyAt(analysis, 4), 'estimated');
    });

    it('RUN chmod of / is not kept', async () => {
      // Docker Engine 20.10 (classic builder) failed this build with "touch: /u: Permission denied",
      // and buildah 1.28.2 `bud --layers` showed `/` with its earlier mode in the RUN after the chmod.
      const known = knownImageOf(await readImage({ kind: 'path', path: busybox }));
      for (const builder of ['classic', 'buildah'] as const) {
        const analysis = await analyzeOn(known, 'FROM base:1\nRUN chmod 777 /\nUSER 1000\nRUN touch /u\n', builder);
        assert.deepEqual(errors(analysis), [
          'This RUN ends with a non-zero exit status because touch needs write permission in /, which user 1000 lacks (owner 0:0, mode 0755), so the build fails on this line.',
        ], builder);
      }
    });
  });

  describe('parents no layer tar lists', () => {
    it('implied parents are root folders', async () => {
      // Docker Engine 20.10 made /srv and /srv/deep 0:0 with mode 0600 on vfs and 0755 on overlay2.
      const known = await knownFrom(dockerArchive([plainLayer([...programs, { name: 'srv/deep/f', body: 'deep\n' }])]));
      const folders = known.layer.entries.filter((entry) => entry.path.startsWith('/srv'));
      assert.deepEqual(folders.map((entry) => entry.path), ['/srv', '/srv/deep', '/srv/deep/f']);
      for (const entry of folders.slice(0, 2)) {
        assert.ok(entry.op === 'write');
        assert.equal(entry.type, 'directory');
        assert.equal(entry.uid, 0);
        assert.equal(entry.gid, 0);
        assert.equal(entry.mode, null);
      }
    });

    it('RUN reads a file below them', async () => {
      const known = await knownFrom(dockerArchive([plainLayer([...programs, { name: 'srv/deep/f', body: 'deep\n' }])]));
      const analysis = await analyzeOn(known, 'FROM base:1\nRUN cat /srv/deep/f\n');
      assert.deepEqual(errors(analysis), []);
    });

    it('a listed lower parent is kept', async () => {
      const known = await knownFrom(dockerArchive([
        plainLayer([{ name: 'srv/', type: '5', mode: 0o700, uid: 5, gid: 5 }]),
        plainLayer([{ name: 'srv/f', body: 'f\n' }]),
      ]));
      const srv = known.layer.entries.find((entry) => entry.path === '/srv');
      assert.ok(srv?.op === 'write');
      assert.equal(srv.mode, 0o700);
      assert.equal(srv.uid, 5);
    });
  });
});
