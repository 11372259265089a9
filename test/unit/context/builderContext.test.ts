import { strict as assert } from 'node:assert';
import { contextForBuilder, entersExcludedFolder } from '../../../src/core/context/builderContext';
import type { ContextIndex } from '../../../src/core/context/contextIndex';
import { walkContext } from '../../../src/core/context/walk';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { changesAt, predict, removeContexts } from '../predict/helpers';
import { makeTree, removeTree, type TreeSpec } from './tempTree';

function pathsOf(index: ContextIndex): string[] {
  return index.descendants('').map((file) => file.path);
}

const nestedExceptions: TreeSpec = {
  '.dockerignore': 'docs/**\n!docs/**/README.md\n!docs/ab/keep.txt\nother/**\n!other/x*/keep.txt\n',
  'docs/README.md': 'top',
  'docs/a/README.md': 'a',
  'docs/a/notes.md': 'notes',
  'docs/ab/README.md': 'ab',
  'docs/ab/keep.txt': 'keep',
  'docs/ab/other.txt': 'other',
  'other/xy/keep.txt': 'keep',
  'other/xy/drop.txt': 'drop',
};

describe('contextForBuilder', () => {
  const roots: string[] = [];
  async function walk(spec: TreeSpec): Promise<ContextIndex> {
    const root = makeTree(spec);
    roots.push(root);
    return walkContext(root);
  }
  after(() => roots.forEach(removeTree));

  it('docs/** with !docs/**/README.md (buildkit)', async () => {
    const index = await walk(nestedExceptions);
    assert.equal(contextForBuilder(index, 'buildkit'), index);
    assert.deepEqual(pathsOf(index), [
      '.dockerignore', 'docs', 'docs/README.md', 'docs/a', 'docs/a/README.md', 'docs/ab', 'docs/ab/README.md',
      'docs/ab/keep.txt', 'other', 'other/xy', 'other/xy/keep.txt',
    ]);
  });

  it('docs/** with !docs/**/README.md (classic)', async () => {
    const index = await walk(nestedExceptions);
    const classic = contextForBuilder(index, 'classic');
    assert.deepEqual(pathsOf(classic), [
      '.dockerignore', 'docs', 'docs/README.md', 'docs/ab', 'docs/ab/README.md', 'docs/ab/keep.txt', 'other',
    ]);
    assert.equal(classic.get('docs/ab')?.recreated, true);
    assert.equal(classic.get('docs/a'), undefined);
    assert.equal(classic.root, index.root);
  });

  it('docs/** with !docs/**/README.md (buildah)', async () => {
    const index = await walk(nestedExceptions);
    // buildah opens docs/a because "docs/ab/keep.txt" starts with "docs/a".
    assert.deepEqual(pathsOf(contextForBuilder(index, 'buildah')), [
      '.dockerignore', 'docs', 'docs/README.md', 'docs/a', 'docs/a/README.md', 'docs/ab', 'docs/ab/README.md',
      'docs/ab/keep.txt', 'other',
    ]);
  });

  it('one narrowed context per walk', async () => {
    const index = await walk(nestedExceptions);
    assert.equal(contextForBuilder(index, 'classic'), contextForBuilder(index, 'classic'));
    assert.notEqual(contextForBuilder(index, 'classic'), contextForBuilder(index, 'buildah'));
  });

  it('build with !build/keep.txt (classic)', async () => {
    // The exception names the folder, so every builder enters it: the walk is handed back as it is.
    const index = await walk({ '.dockerignore': 'build\n!build/keep.txt\n', 'build/keep.txt': 'k', 'build/out.bin': 'o' });
    assert.equal(contextForBuilder(index, 'classic'), index);
    assert.deepEqual(pathsOf(index), ['.dockerignore', 'build', 'build/keep.txt']);
  });

  it('cache with !cache/*/keep (classic)', async () => {
    // Entered for the `!` pattern, yet nothing below stays: the folder goes as well.
    const index = await walk({ '.dockerignore': 'cache\n!cache/*/keep\n!**/keep\n', 'cache/x/keep': 'k', 'cache/x/y/keep': 'k' });
    assert.deepEqual(pathsOf(index), ['.dockerignore', 'cache', 'cache/x', 'cache/x/keep', 'cache/x/y', 'cache/x/y/keep']);
    assert.deepEqual(pathsOf(contextForBuilder(index, 'classic')), ['.dockerignore']);
  });

  it('narrowed context keeps walk problems', async () => {
    const index = await walk({ '.dockerignore': 'docs\n!docs/**/README.md\n[\n', 'docs/a/README.md': 'a' });
    const classic = contextForBuilder(index, 'classic');
    assert.deepEqual(pathsOf(classic), ['.dockerignore']);
    assert.equal(classic.problems.length, 1);
    assert.deepEqual(classic.problems, index.problems);
    assert.equal(classic.ignoreFile, index.ignoreFile);
  });
});

describe('entersExcludedFolder', () => {
  const exceptions = ['docs/ab/keep.txt', 'docs/**/README.md'];

  it('classic needs the folder and a slash', () => {
    assert.equal(entersExcludedFolder('classic', exceptions, 'docs'), true);
    assert.equal(entersExcludedFolder('classic', exceptions, 'docs/ab'), true);
    assert.equal(entersExcludedFolder('classic', exceptions, 'docs/a'), false);
    assert.equal(entersExcludedFolder('classic', exceptions, 'docs/ab/keep.txt'), true);
  });

  it('buildah needs only the folder', () => {
    assert.equal(entersExcludedFolder('buildah', exceptions, 'docs/a'), true);
    assert.equal(entersExcludedFolder('buildah', exceptions, 'docs/b'), false);
  });
});

describe('COPY . with .dockerignore exceptions', () => {
  after(removeContexts);
  const files = { '.dockerignore': 'docs/**\n!docs/**/README.md\n', 'docs/a/README.md': 'a', 'docs/a/notes.md': 'n' };
  const expected: Record<BuilderKind, string[]> = {
    buildkit: ['/app added directory', '/app/.dockerignore added file', '/app/Dockerfile added file', '/app/docs added directory', '/app/docs/a added directory', '/app/docs/a/README.md added file'],
    classic: ['/app added directory', '/app/.dockerignore added file', '/app/Dockerfile added file', '/app/docs added directory'],
    buildah: ['/app added directory', '/app/.dockerignore added file', '/app/Dockerfile added file', '/app/docs added directory'],
  };

  for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
    it(`COPY . /app/ (${builder})`, async () => {
      const analysis = await predict('FROM scratch\nCOPY . /app/\n', files, { builder });
      assert.deepEqual(changesAt(analysis, 2), expected[builder]);
    });
  }
});
