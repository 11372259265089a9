/**
 * `COPY --parents` with `**`, which matches any number of folders (none included). No builder
 * here runs it, so the cases follow the examples and rules of BuildKit's Dockerfile reference.
 */
import * as assert from 'node:assert/strict';
import { changesAt, predict, removeContexts } from './helpers';

const sources = { 'src/a.txt': 'a', 'src/x/b.txt': 'b', 'src/x/y/c.txt': 'c', 'src/x/notes.md': 'n', 'other/d.txt': 'd' };

describe('COPY --parents with **', () => {
  after(removeContexts);

  it('COPY --parents ./src/**/*.txt /parents/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents ./src/**/*.txt /parents/\n', sources);
    assert.deepEqual(changesAt(analysis, 2), [
      '/parents added directory',
      '/parents/src added directory',
      '/parents/src/a.txt added file',
      '/parents/src/x added directory',
      '/parents/src/x/b.txt added file',
      '/parents/src/x/y added directory',
      '/parents/src/x/y/c.txt added file',
    ]);
  });

  it('COPY --parents ./src/./**/*.txt /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents ./src/./**/*.txt /d/\n', sources);
    assert.deepEqual(changesAt(analysis, 2), [
      '/d added directory',
      '/d/a.txt added file',
      '/d/x added directory',
      '/d/x/b.txt added file',
      '/d/x/y added directory',
      '/d/x/y/c.txt added file',
    ]);
  });

  it('COPY --parents **/*.txt /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents **/*.txt /d/\n', { 'top.txt': 't', ...sources });
    assert.deepEqual(changesAt(analysis, 2), [
      '/d added directory',
      '/d/other added directory',
      '/d/other/d.txt added file',
      '/d/src added directory',
      '/d/src/a.txt added file',
      '/d/src/x added directory',
      '/d/src/x/b.txt added file',
      '/d/src/x/y added directory',
      '/d/src/x/y/c.txt added file',
      '/d/top.txt added file',
    ]);
  });

  it('COPY --parents src/x/**/c.txt /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents src/x/**/c.txt /d/\n', sources);
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/src added directory', '/d/src/x added directory', '/d/src/x/y added directory', '/d/src/x/y/c.txt added file']);
  });

  it('COPY --parents src/** /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents src/** /d/\n', { 'src/a.txt': 'a', 'src/x/b.txt': 'b', 'other/d.txt': 'd' });
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/src added directory', '/d/src/a.txt added file', '/d/src/x added directory', '/d/src/x/b.txt added file']);
  });

  it('COPY --parents ./src/**/*.rs /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents ./src/**/*.rs /d/\n', sources);
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.deepEqual(analysis.problems, []);
  });

  it('COPY ./src/**/*.txt /flat/', async () => {
    // Without --parents, `**` is two stars of Go's filepath.Match: exactly one folder level.
    const analysis = await predict('FROM scratch\nCOPY ./src/**/*.txt /flat/\n', sources);
    assert.deepEqual(changesAt(analysis, 2), ['/flat added directory', '/flat/b.txt added file']);
  });
});
