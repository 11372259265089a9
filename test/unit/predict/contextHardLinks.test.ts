/**
 * Hard links of the build context. Docker Engine 20.10's classic builder and buildah 1.28.2 both
 * wrote `COPY src/ /app/src/` of `src/a.txt` (5 bytes) and its hard link `src/hard-a` as the file
 * `app/src/a.txt` and the 0-byte `app/src/hard-a link to app/src/a.txt`.
 */
import * as assert from 'node:assert/strict';
import { linkSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { walkContext } from '../../../src/core/context/walk';
import { makeContext, removeContexts, stepAt } from './helpers';

/** Makes a context with `src/a.txt`, its hard link `src/hard-a`, and `src/b.txt`. */
function linkedContext(dockerfile: string): string {
  const root = makeContext({ Dockerfile: dockerfile, 'src/a.txt': 'hello', 'src/b.txt': 'other' });
  linkSync(join(root, 'src', 'a.txt'), join(root, 'src', 'hard-a'));
  return root;
}

async function predictLinked(dockerfile: string, builder: BuilderKind = 'buildkit'): Promise<Analysis> {
  const root = linkedContext(dockerfile);
  return analyze({ dockerfilePath: join(root, 'Dockerfile'), text: dockerfile, builder });
}

/** Renders the files and links of the step on `line` as `path type size [target]` lines. */
function filesAt(analysis: Analysis, line: number): string[] {
  return analysis.stack.layers[stepAt(analysis, line).index].entries.flatMap(({ entry }) => {
    if (entry.op !== 'write' || entry.type === 'directory') return [];
    return [`${entry.path} ${entry.type} ${entry.size}${entry.linkTarget === undefined ? '' : ` ${entry.linkTarget}`}`];
  });
}

describe('context hard links', () => {
  after(removeContexts);

  it('walk records one inode for both names', async () => {
    const index = await walkContext(linkedContext('FROM scratch\n'));

    const inode = index.get('src/a.txt')?.inode;
    assert.match(inode ?? '', /^\d+:\d+$/);
    assert.equal(index.get('src/hard-a')?.inode, inode);
    assert.equal(index.get('src/b.txt')?.inode, undefined);
  });

  it('COPY src/ /app/src/ links the second name', async () => {
    for (const builder of ['classic', 'buildah', 'buildkit'] as const) {
      const analysis = await predictLinked('FROM scratch\nCOPY src/ /app/src/\n', builder);

      assert.deepEqual(filesAt(analysis, 2), ['/app/src/a.txt file 5', '/app/src/b.txt file 5', '/app/src/hard-a hardlink 0 /app/src/a.txt'], builder);
      assert.equal(analysis.stack.layers[stepAt(analysis, 2).index].summary.added.bytes, 10, builder);
    }
  });

  it('COPY src/hard-a alone is a file', async () => {
    const analysis = await predictLinked('FROM scratch\nCOPY src/hard-a /one\n');

    assert.deepEqual(filesAt(analysis, 2), ['/one file 5']);
  });

  it('separate sources are separate files', async () => {
    const analysis = await predictLinked('FROM scratch\nCOPY src/a.txt src/hard-a /two/\n');

    assert.deepEqual(filesAt(analysis, 2), ['/two/a.txt file 5', '/two/hard-a file 5']);
  });

  it('wildcard matches link only under BuildKit', async () => {
    const text = 'FROM scratch\nCOPY src/*a* /w/\n';

    assert.deepEqual(filesAt(await predictLinked(text, 'buildkit'), 2), ['/w/a.txt file 5', '/w/hard-a hardlink 0 /w/a.txt']);
    assert.deepEqual(filesAt(await predictLinked(text, 'classic'), 2), ['/w/a.txt file 5', '/w/hard-a file 5']);
    // buildah 1.28.2 wrote `COPY e/*.txt /w2/` of two hard-linked names as two 3-byte files.
    assert.deepEqual(filesAt(await predictLinked(text, 'buildah'), 2), ['/w/a.txt file 5', '/w/hard-a file 5']);
  });

  it('excluded first name leaves a file', async () => {
    const analysis = await predictLinked('# syntax=docker/dockerfile:1.7-labs\nFROM scratch\nCOPY --exclude=a.txt src/ /app/\n');

    assert.deepEqual(filesAt(analysis, 3), ['/app/b.txt file 5', '/app/hard-a file 5']);
  });
});
