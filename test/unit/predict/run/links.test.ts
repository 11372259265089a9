/** RUN and COPY through symlinked folders: each test name is the Dockerfile snippet. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

describe('RUN and COPY through symlinks', () => {
  after(removeContexts);

  it('RUN mkdir -p /target && ln -s /target /link && echo hello > /link/f.txt', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir -p /target && ln -s /target /link && echo hello > /link/f.txt\n');
    assert.deepEqual(changesAt(analysis, 2), ['/link added symlink', '/target added directory', '/target/f.txt added file']);
    assert.equal(analysis.stack.lookup('/target/f.txt')?.entry.size, 6);
    assert.deepEqual(errorsOn(analysis, 2), []);
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
  });

  it('RUN ln -s /target /link\\nRUN echo hello > /link/a.txt', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s /target /link\nRUN echo hello > /link/a.txt\n');
    assert.deepEqual(changesAt(analysis, 3), ['/target/a.txt added file']);
    assert.deepEqual(errorsOn(analysis, 3), []);
  });

  it('RUN ln -s target /link (relative)\\nRUN mkdir -p /link/sub && touch /link/sub/x', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s target /link\nRUN mkdir -p /link/sub && touch /link/sub/x\n');
    assert.deepEqual(changesAt(analysis, 3), ['/target/sub added directory', '/target/sub/x added file']);
  });

  it('RUN cd /link && echo x > here.txt', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s /target /link\nRUN cd /link && echo x > here.txt\n');
    assert.deepEqual(changesAt(analysis, 3), ['/target/here.txt added file']);
  });

  it('RUN rm /link/a.txt (a file behind a symlinked folder)', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s /target /link && touch /target/a.txt\nRUN rm /link/a.txt\n');
    assert.deepEqual(changesAt(analysis, 3), ['/target/a.txt deleted']);
  });

  it('RUN cp /link/* /copy/ (a glob in a symlinked folder)', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target /copy && ln -s /target /link && touch /target/a.txt /target/b.txt\nRUN cp /link/* /copy/\n');
    assert.deepEqual(changesAt(analysis, 3), ['/copy/a.txt added file', '/copy/b.txt added file']);
  });

  it('RUN ln -s /a /b && ln -s /b /a && touch /a/x (a symlink loop)', async () => {
    const analysis = await predict('FROM shell-only\nRUN ln -s /a /b && ln -s /b /a && touch /a/x\n');
    assert.deepEqual(errorsOn(analysis, 2), ['This RUN ends with a non-zero exit status because "touch /a/x" fails, so the build fails on this line.']);
  });

  it('COPY f.txt /link/', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s /target /link\nCOPY f.txt /link/\n', { 'f.txt': 'abc\n' });
    assert.deepEqual(changesAt(analysis, 3), ['/target/f.txt added file']);
  });

  it('COPY f.txt /link/deeper/', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s /target /link\nCOPY f.txt /link/deeper/\n', { 'f.txt': 'abc\n' });
    assert.deepEqual(changesAt(analysis, 3), ['/target/deeper added directory', '/target/deeper/f.txt added file']);
  });

  it('COPY f.txt /link (no slash, the link leads to a folder)', async () => {
    for (const builder of ['buildkit', 'classic', 'buildah'] as const) {
      const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s /target /link\nCOPY f.txt /link\n', { 'f.txt': 'abc\n' }, { builder });
      assert.deepEqual(changesAt(analysis, 3), ['/target/f.txt added file'], builder);
    }
  });

  it('COPY dir/ /link/', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /target && ln -s /target /link\nCOPY dir/ /link/\n', { 'dir/a': '1', 'dir/sub/b': '22' });
    assert.deepEqual(changesAt(analysis, 3), ['/target/a added file', '/target/sub added directory', '/target/sub/b added file']);
    assert.deepEqual(errorsOn(analysis, 3), []);
  });

  it('COPY f.txt /up/link/x (a relative link up a folder)', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir -p /up /other && ln -s ../other /up/link\nCOPY f.txt /up/link/x\n', { 'f.txt': 'abc\n' });
    assert.deepEqual(changesAt(analysis, 3), ['/other/x added file']);
  });
});
