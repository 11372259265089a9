/**
 * The owner and mode ADD gives a local archive's destination folder and members, per builder.
 * `own.tar.gz` has a `./` entry and members owned 1234:2345; `modes.tar.gz` has a `./` entry of
 * mode 0700 owned 1234:2345. Both come from the real builds these expectations were read from
 * (Docker Engine 20.10's classic builder and buildah 1.28.2).
 */
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { changesAt, folderEntry, makeContext, removeContexts, stepAt } from './helpers';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'archive-owners');

/** A read base image with a root-owned `/data` folder of mode 0755. */
const dataImage: KnownImage = { layer: { entries: [folderEntry('/data')], certainty: 'exact' } };

async function predictAdd(text: string, builder: BuilderKind): Promise<Analysis> {
  const root = makeContext({ Dockerfile: text });
  for (const name of ['own.tar.gz', 'modes.tar.gz']) copyFileSync(join(fixtures, name), join(root, name));
  return analyze({ dockerfilePath: join(root, 'Dockerfile'), text, builder, images: (reference) => (reference === 'data' ? dataImage : undefined) });
}

/** Returns the `path change type mode uid:gid` line of `path` in the layer of the step on `line`. */
function changeOf(analysis: Analysis, line: number, path: string): string | undefined {
  return changesAt(analysis, line, 'owner').find((change) => change.startsWith(`${path} `));
}

describe('ADD archive owners', () => {
  after(removeContexts);

  const chowned = 'FROM data\nADD --chown=1000:1000 own.tar.gz /x/own/\n';

  it('classic: root folder, archive owners', async () => {
    const analysis = await predictAdd(chowned, 'classic');

    assert.equal(changeOf(analysis, 2, '/x'), '/x added directory 0755 0:0');
    assert.equal(changeOf(analysis, 2, '/x/own'), '/x/own added directory 0755 0:0');
    assert.equal(changeOf(analysis, 2, '/x/own/d/f.txt'), '/x/own/d/f.txt added file 0644 1234:2345');
    assert.match(stepAt(analysis, 2).notes.join(' '), /classic builder does not apply --chown to an extracted archive/);
  });

  it('buildah: folder from the ./ entry', async () => {
    const analysis = await predictAdd(chowned, 'buildah');

    assert.equal(changeOf(analysis, 2, '/x'), '/x added directory 0755 1000:1000');
    assert.equal(changeOf(analysis, 2, '/x/own'), '/x/own added directory 0755 1234:2345');
    assert.equal(changeOf(analysis, 2, '/x/own/d/f.txt'), '/x/own/d/f.txt added file 0644 1234:2345');
  });

  it('buildah without --chown or slash', async () => {
    const analysis = await predictAdd('FROM data\nADD own.tar.gz /x/own2\n', 'buildah');

    assert.equal(changeOf(analysis, 2, '/x/own2'), '/x/own2 added directory 0755 1234:2345');
  });

  it('BuildKit: --chown on folder and members', async () => {
    const analysis = await predictAdd(chowned, 'buildkit');

    assert.equal(changeOf(analysis, 2, '/x/own'), '/x/own added directory 0755 1000:1000');
    assert.equal(changeOf(analysis, 2, '/x/own/d/f.txt'), '/x/own/d/f.txt added file 0644 1000:1000');
    assert.equal(changeOf(analysis, 2, '/x/own/d/hl.txt'), '/x/own/d/hl.txt added hardlink 0644 1000:1000');
    assert.match(stepAt(analysis, 2).notes.join(' '), /BuildKit v0\.23 and later give the files extracted from own\.tar\.gz the --chown owner/);
  });

  it('buildah: existing folder takes the ./ entry', async () => {
    const analysis = await predictAdd('FROM data\nADD modes.tar.gz /data/\n', 'buildah');

    assert.equal(changeOf(analysis, 2, '/data'), '/data modified directory 0700 1234:2345');
    assert.equal(analysis.stack.lookup('/data')?.entry.certainty, 'exact');
  });

  it('classic and BuildKit: existing folder kept', async () => {
    for (const builder of ['classic', 'buildkit'] as const) {
      const analysis = await predictAdd('FROM data\nADD modes.tar.gz /data/\n', builder);

      assert.equal(changeOf(analysis, 2, '/data'), undefined, builder);
      assert.equal(changeOf(analysis, 2, '/data/sub/n.txt'), '/data/sub/n.txt added file 0644 1234:2345', builder);
    }
  });
});
