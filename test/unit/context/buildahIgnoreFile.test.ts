/**
 * The ignore file buildah 1.28.2 reads, as real builds with it showed: the Dockerfile's own
 * `.dockerignore` or `.containerignore` where its -f path leads, else the context root's
 * `.containerignore` before its `.dockerignore`. BuildKit and the classic builder never read
 * `.containerignore`.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { ContextCache } from '../../../src/core/context/cache';
import { ignoreFileOptions } from '../../../src/core/context/ignoreFile';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { makeTree, removeTree, type TreeSpec } from './tempTree';

const dockerfile = 'FROM scratch\nCOPY src/ /src/\n';

/** The `src` files that each ignore file may exclude, and the Dockerfile in `docker/`. */
const files: TreeSpec = {
  'docker/app.Dockerfile': dockerfile,
  'src/f1.txt': '1',
  'src/secret.txt': 's',
  'src/tmp.txt': 't',
  'src/cache.txt': 'c',
};

/** Analyses `docker/app.Dockerfile` with `ignoreFiles` added to the context, and lists what its COPY copies. */
async function copiedFiles(builder: BuilderKind, ignoreFiles: TreeSpec): Promise<{ copied: string[]; analysis: Analysis }> {
  const root = makeTree({ ...files, ...ignoreFiles });
  try {
    const analysis = await analyze({ dockerfilePath: path.join(root, 'docker/app.Dockerfile'), contextPath: root, text: dockerfile, builder });
    const layer = analysis.stack.layers[1];
    const copied = (layer?.layer.entries ?? []).map((entry) => entry.path).filter((entry) => entry.endsWith('.txt')).sort();
    return { copied, analysis };
  } finally {
    removeTree(root);
  }
}

const allFour = {
  '.dockerignore': 'src/secret.txt\n',
  '.containerignore': 'src/cache.txt\n',
  'docker/app.Dockerfile.dockerignore': 'src/tmp.txt\n',
  'docker/app.Dockerfile.containerignore': 'src/f1.txt\n',
};

describe('ignore file under buildah', () => {
  it('own .dockerignore comes first', async () => {
    const { copied } = await copiedFiles('buildah', allFour);
    assert.deepEqual(copied, ['/src/cache.txt', '/src/f1.txt', '/src/secret.txt']);
  });

  it('own .containerignore next', async () => {
    const { 'docker/app.Dockerfile.dockerignore': _own, ...rest } = allFour;
    const { copied } = await copiedFiles('buildah', rest);
    assert.deepEqual(copied, ['/src/cache.txt', '/src/secret.txt', '/src/tmp.txt']);
  });

  it('root .containerignore before .dockerignore', async () => {
    const { copied } = await copiedFiles('buildah', { '.dockerignore': allFour['.dockerignore'], '.containerignore': allFour['.containerignore'] });
    assert.deepEqual(copied, ['/src/f1.txt', '/src/secret.txt', '/src/tmp.txt']);
  });

  it('root .dockerignore last', async () => {
    const { copied } = await copiedFiles('buildah', { '.dockerignore': allFour['.dockerignore'] });
    assert.deepEqual(copied, ['/src/cache.txt', '/src/f1.txt', '/src/tmp.txt']);
  });

  it('note on the relative -f path', async () => {
    const { analysis } = await copiedFiles('buildah', { '.dockerignore': allFour['.dockerignore'], 'docker/app.Dockerfile.dockerignore': 'src/tmp.txt\n' });
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}: ${problem.message}`), [
      '2 info: buildah reads docker/app.Dockerfile.dockerignore only when -f names the Dockerfile by an absolute path or by a path ' +
        'relative to the context folder. With a relative -f from another folder it reads .dockerignore instead, so the paths that only ' +
        'docker/app.Dockerfile.dockerignore excludes stay in the build context, where this COPY can copy them. ' +
        'Pass -f an absolute path, or run buildah from the context folder.',
    ]);
  });

  it('no note without an own ignore file', async () => {
    const { analysis } = await copiedFiles('buildah', { '.dockerignore': allFour['.dockerignore'] });
    assert.deepEqual(analysis.problems, []);
  });
});

describe('.containerignore under other builders', () => {
  for (const [builder, copied] of [
    ['buildkit', ['/src/cache.txt', '/src/f1.txt', '/src/secret.txt']],
    ['classic', ['/src/cache.txt', '/src/f1.txt', '/src/tmp.txt']],
  ] as const) {
    it(`${builder} skips .containerignore`, async () => {
      const result = await copiedFiles(builder, allFour);
      assert.deepEqual(result.copied, copied);
    });
  }
});

describe('editor walk for buildah', () => {
  it('cache keeps buildah walks apart', async () => {
    const root = makeTree({ ...files, '.dockerignore': 'src/secret.txt\n', '.containerignore': 'src/cache.txt\n' });
    try {
      const cache = new ContextCache();
      const dockerfilePath = path.join(root, 'docker/app.Dockerfile');
      const buildkit = await cache.get(root, ignoreFileOptions('buildkit', dockerfilePath));
      const buildah = await cache.get(root, ignoreFileOptions('buildah', dockerfilePath));
      assert.equal(buildkit.ignoreFile, path.join(root, '.dockerignore'));
      assert.equal(buildah.ignoreFile, path.join(root, '.containerignore'));
    } finally {
      removeTree(root);
    }
  });
});
