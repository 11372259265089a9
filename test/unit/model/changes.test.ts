import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import { changedAttributes, describeAttributeChange } from '../../../src/core/model/changes';
import type { WriteEntry } from '../../../src/core/model/layer';
import { imageReport } from '../../../src/core/report/imageReport';
import { describeChange } from '../../../src/extension/tree/changeTree';

const realLayers = join(__dirname, '../../fixtures/images/real-layers');

function file(overrides: Partial<WriteEntry> = {}): WriteEntry {
  return { op: 'write', path: '/a', type: 'file', size: 3, mode: 0o644, uid: 0, gid: 0, digest: 'aa', certainty: 'exact', ...overrides };
}

describe('changedAttributes', () => {
  it('mode only', () => {
    assert.deepEqual(changedAttributes(file(), file({ mode: 0o600 })), ['mode']);
  });

  it('owner only', () => {
    assert.deepEqual(changedAttributes(file(), file({ uid: 1000, gid: 1000 })), ['uid', 'gid']);
  });

  it('same bytes rewritten', () => {
    assert.deepEqual(changedAttributes(file(), file()), []);
  });

  it('new bytes of the same size', () => {
    assert.deepEqual(changedAttributes(file(), file({ digest: 'bb' })), ['content']);
  });

  it('new size without digests', () => {
    assert.deepEqual(changedAttributes(file({ digest: undefined }), file({ size: 4, digest: undefined })), ['content']);
  });

  it('empty files without digests', () => {
    assert.deepEqual(changedAttributes(file({ size: 0, digest: undefined }), file({ size: 0, digest: undefined, mode: 0o755 })), ['mode']);
  });

  it('unknown digest', () => {
    assert.equal(changedAttributes(file(), file({ digest: undefined })), undefined);
  });

  it('unknown size', () => {
    assert.equal(changedAttributes(file({ size: null }), file()), undefined);
  });

  it('file replaced by a symlink', () => {
    const link = file({ type: 'symlink', size: 0, digest: undefined, linkTarget: 'b' });
    assert.deepEqual(changedAttributes(file(), link), ['type', 'linkTarget']);
  });

  it('symlink retargeted', () => {
    const lower = file({ type: 'symlink', size: 0, digest: undefined, linkTarget: 'b' });
    assert.deepEqual(changedAttributes(lower, { ...lower, linkTarget: 'c' }), ['linkTarget']);
  });

  it('every change but content', () => {
    // Only two files compare their content.
    const link = file({ type: 'symlink', mode: 0o777, uid: 1, gid: 2, size: 0, digest: undefined, linkTarget: 'b' });
    assert.deepEqual(changedAttributes(file(), link), ['type', 'mode', 'uid', 'gid', 'linkTarget']);
  });

  // The stack keeps the list of every modified entry, and an image has tens of thousands of them.
  it('one shared list per change', () => {
    const first = changedAttributes(file(), file({ mode: 0o600, digest: 'bb' }));
    const second = changedAttributes(file({ mode: 0o755 }), file({ mode: 0o700, digest: 'cc' }));
    assert.deepEqual(first, ['mode', 'content']);
    assert.equal(second, first);
    assert.ok(Object.isFrozen(first));
  });
});

describe('describeAttributeChange', () => {
  const cases: Array<[Parameters<typeof describeAttributeChange>[0], WriteEntry['type'], string | undefined]> = [
    [['mode'], 'file', 'mode only'],
    [['uid'], 'file', 'owner only'],
    [['uid', 'gid'], 'file', 'owner only'],
    [['mode', 'gid'], 'file', 'mode and owner only'],
    [['linkTarget'], 'symlink', 'link target only'],
    [[], 'file', 'same bytes rewritten'],
    [[], 'directory', undefined],
    [['mode'], 'directory', 'mode only'],
    [['mode', 'content'], 'file', undefined],
    [['type', 'linkTarget'], 'symlink', undefined],
  ];
  for (const [attributes, type, expected] of cases) {
    it(`${type} [${attributes.join(', ')}]`, () => {
      assert.equal(describeAttributeChange(attributes, type), expected);
    });
  }
});

describe('changedAttributes on real layers', () => {
  // `RUN chmod 600 /app/secret.txt` is stack layer 3 (history: busybox, COPY, ENV, RUN chmod).
  for (const archive of ['real-layers.docker-overlay2.tar', 'real-layers.buildah.oci.tar']) {
    it(`chmod-ed file in ${archive}`, async () => {
      const image = await readImage({ kind: 'path', path: join(realLayers, archive) });
      const { stack } = stackImage(image);
      const modified = stack.layers[3].entries.filter((classified) => classified.change === 'modified');
      const secret = modified.find((classified) => classified.entry.path === '/app/secret.txt');
      assert.deepEqual(secret?.changedAttributes, ['mode']);
      const app = modified.find((classified) => classified.entry.path === '/app');
      assert.deepEqual(app?.changedAttributes, []);
    });
  }

  it('chmod-ed file in the tree and JSON', async () => {
    const image = await readImage({ kind: 'path', path: join(realLayers, 'real-layers.docker-overlay2.tar') });
    const { stack } = stackImage(image);
    const secret = stack.layers[3].entries.find((classified) => classified.entry.path === '/app/secret.txt');
    assert.ok(secret);
    assert.equal(describeChange(secret, (layer) => [1, 2, 3, 4][layer]), '11 B · modified · mode only · shadows line 2');
    const changes = imageReport(image).layers[3].changes;
    assert.deepEqual(changes.find((change) => change.path === '/app/secret.txt')?.changedAttributes, ['mode']);
    assert.deepEqual(changes.find((change) => change.path === '/app')?.changedAttributes, []);
  });
});
