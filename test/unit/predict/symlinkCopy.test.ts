/**
 * COPY sources and destinations that are symlinks. The expected layers are those the classic
 * builder (Docker Engine 20.10) and buildah 1.28 wrote, recorded in the conformance cases
 * 89-copy-from-stage-symlink and 90-copy-into-symlinked-folder. BuildKit follows the same links,
 * because its copier resolves both paths with continuity's `fs.RootPath`.
 */
import { strict as assert } from 'node:assert';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { changesAt, predict, removeContexts } from './helpers';

const builders: BuilderKind[] = ['classic', 'buildah', 'buildkit'];

function errorsOf(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
}

describe('COPY --from of a symlink source', () => {
  after(removeContexts);

  const stage = 'FROM scratch AS s1\nCOPY data /data/\nFROM scratch\n';
  const data = {
    'data/real/f.txt': 'x\n',
    'data/link': { link: 'real' },
    'data/abslink': { link: '/data/real' },
    'data/flink': { link: 'real/f.txt' },
  };

  for (const builder of builders) {
    it(`relative link to a folder (${builder})`, async () => {
      const analysis = await predict(`${stage}COPY --from=s1 /data/link /z/\n`, data, { builder });
      assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/z added directory 0755 0:0', '/z/f.txt added file 0644 0:0']);
      assert.equal(analysis.stack.lookup('/z/f.txt')?.entry.size, 2);
      assert.deepEqual(errorsOf(analysis), []);
    });
  }

  it('absolute link to a folder', async () => {
    const analysis = await predict(`${stage}COPY --from=s1 /data/abslink /za/\n`, data, { builder: 'classic' });
    assert.deepEqual(changesAt(analysis, 4), ['/za added directory', '/za/f.txt added file']);
  });

  it('link to a file keeps its name', async () => {
    const analysis = await predict(`${stage}COPY --from=s1 /data/flink /zf/\n`, data, { builder: 'classic' });
    assert.deepEqual(changesAt(analysis, 4), ['/zf added directory', '/zf/flink added file']);
    assert.equal(analysis.stack.lookup('/zf/flink')?.entry.size, 2);
  });

  it('links inside the copied folder stay links', async () => {
    const analysis = await predict(`${stage}COPY --from=s1 /data /all/\n`, data, { builder: 'classic' });
    assert.deepEqual(changesAt(analysis, 4), [
      '/all added directory',
      '/all/abslink added symlink',
      '/all/flink added symlink',
      '/all/link added symlink',
      '/all/real added directory',
      '/all/real/f.txt added file',
    ]);
  });

  it('link to its own folder copies the link', async () => {
    const text = 'FROM scratch AS s1\nCOPY d /d/\nFROM scratch\nCOPY --from=0 /d/self /z/\n';
    const analysis = await predict(text, { 'd/self': { link: '../d' } }, { builder: 'classic' });
    assert.deepEqual(changesAt(analysis, 4), ['/z added directory', '/z/self added symlink']);
    assert.equal(analysis.stack.lookup('/z/self')?.entry.linkTarget, '../d');
  });

  it('link in a linked folder is followed', async () => {
    const text = 'FROM scratch AS s1\nCOPY data /data/\nFROM scratch\nCOPY --from=s1 /data/link/f.txt /y\n';
    const analysis = await predict(text, data, { builder: 'classic' });
    assert.deepEqual(changesAt(analysis, 4), ['/y added file']);
    assert.equal(analysis.stack.lookup('/y')?.entry.size, 2);
  });
});

describe('COPY into a symlink to a folder', () => {
  after(removeContexts);

  const context = { 'app/a.txt': 'app\n', 'app/dirlink': { link: '../real' }, 'real/file.txt': 'abcd\n', 'more/m.txt': 'more\n' };

  for (const builder of builders) {
    it(`link to a folder not yet made (${builder})`, async () => {
      const analysis = await predict('FROM scratch\nCOPY app /app/\nCOPY real/ /app/dirlink/\n', context, { builder });
      assert.deepEqual(changesAt(analysis, 3), ['/real added directory', '/real/file.txt added file']);
      assert.equal(analysis.stack.lookup('/app/dirlink')?.entry.type, 'symlink');
      assert.deepEqual(errorsOf(analysis), []);
    });

    it(`link to a folder made earlier (${builder})`, async () => {
      const analysis = await predict('FROM scratch\nCOPY app /app/\nCOPY real/ /app/dirlink/\nCOPY more/ /app/dirlink\n', context, { builder });
      assert.deepEqual(changesAt(analysis, 4), ['/real/m.txt added file']);
      assert.equal(analysis.stack.lookup('/app/dirlink')?.entry.type, 'symlink');
      assert.deepEqual(errorsOf(analysis), []);
    });
  }

  it('nested folder over a link (buildkit)', async () => {
    const files = { 'app/dirlink': { link: '../real' }, 'tree/dirlink/x': '1' };
    const analysis = await predict('FROM scratch\nCOPY app /app/\nCOPY tree/ /app/\n', files);
    assert.deepEqual(errorsOf(analysis), ['This COPY writes a folder at /app/dirlink, where a symlink is: BuildKit fails with "cannot copy to non-directory". Remove the symlink first or copy to another path.']);
  });
});
