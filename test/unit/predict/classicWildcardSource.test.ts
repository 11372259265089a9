/** Docker Engine 20.10's classic builder finds nothing for a wildcard source that ends in "/". */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changesAt, makeContext, predict, removeContexts, stepAt } from './helpers';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { raw, rawHostPath } from '../context/latin1Names';

/** The context of the recorded builds: a folder that `src/dir?` names, and a file beside it. */
const context = { 'src/dirx/a.txt': 'a', 'src/dirx/sub/c.txt': 'c', 'src/plain.txt': 'p' };

function errors(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.line}: ${problem.message}`);
}

describe('classic wildcard source ending in /', () => {
  after(removeContexts);

  it('COPY src/dir?/ /d/ fails (classic)', async () => {
    const analysis = await predict('FROM scratch\nCOPY src/dir?/ /d/\n', context, { builder: 'classic' });
    assert.deepEqual(errors(analysis), [
      '2: "src/dir?/" matches nothing in the build context, and this builder fails the build when no source of a COPY matches. ' +
        'The classic builder compares a wildcard source with paths that do not end in "/", so "src/dir?/" matches nothing there. ' +
        'Drop the trailing "/" to copy what it names. The build fails on this line ("no source files were specified").',
    ]);
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.deepEqual(stepAt(analysis, 2).notes, []);
  });

  it('COPY sr*/ and ADD sr*/ fail (classic)', async () => {
    for (const keyword of ['COPY', 'ADD']) {
      const analysis = await predict(`FROM scratch\n${keyword} sr*/ /d/\n`, context, { builder: 'classic' });
      const messages = errors(analysis);
      assert.equal(messages.length, 1, keyword);
      assert.match(messages[0] as string, new RegExp(`^2: "sr\\*/" matches nothing in the build context, and this builder fails the build when no source of a ${keyword} matches\\.`), keyword);
      assert.match(messages[0] as string, /\("no source files were specified"\)\.$/, keyword);
    }
  });

  it('COPY src/dir? /d/ copies (classic)', async () => {
    const analysis = await predict('FROM scratch\nCOPY src/dir? /d/\n', context, { builder: 'classic' });
    assert.deepEqual(analysis.problems, []);
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/a.txt added file', '/d/sub added directory', '/d/sub/c.txt added file']);
  });

  it('COPY src/dir?/ /d/ copies (buildah, buildkit)', async () => {
    for (const builder of ['buildah', 'buildkit'] as BuilderKind[]) {
      const analysis = await predict('FROM scratch\nCOPY src/dir?/ /d/\n', context, { builder });
      assert.deepEqual(analysis.problems, [], builder);
      assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/a.txt added file', '/d/sub added directory', '/d/sub/c.txt added file'], builder);
      assert.equal(stepAt(analysis, 2).certainty, 'exact', builder);
    }
  });

  it('COPY src/dir?/ beside a matching source (classic)', async () => {
    const analysis = await predict('FROM scratch\nCOPY src/dir?/ src/plain.txt /d/\n', context, { builder: 'classic' });
    assert.deepEqual(errors(analysis), []);
    const warnings = analysis.problems.filter((problem) => problem.severity === 'warning').map((problem) => problem.message);
    assert.deepEqual(warnings, [
      '"src/dir?/" copies nothing. The classic builder compares a wildcard source with paths that do not end in "/", so "src/dir?/" matches nothing there. ' +
        'Drop the trailing "/" to copy what it names.',
    ]);
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/plain.txt added file']);
  });

  it('COPY src/dir?/ over a name not valid UTF-8 (classic)', async () => {
    const analysis = await predictRaw('FROM scratch\nCOPY src/dir?/ /d/\n', ['src/dir\xe9'], { 'src/dir\xe9/a.txt': 'a' });
    assert.equal(errors(analysis).length, 1, JSON.stringify(analysis.problems));
    assert.deepEqual(stepAt(analysis, 2).notes, [], 'no note says that the classic builder copies the match');
  });

  it('ignore line with an invalid byte (note)', async () => {
    const files = { '.dockerignore': 'src/caf\xe9.txt\n', 'src/caf\xe9.txt': 'e9', 'src/caf\xe8.txt': 'e8' };
    const analysis = await predictRaw('FROM scratch\nCOPY src/ /s/\n', [], files, 'classic');
    const notes = stepAt(analysis, 2).notes;
    assert.equal(notes.length, 1, JSON.stringify(notes));
    assert.ok(notes[0]?.includes('A line holding an invalid byte matches any invalid byte at that place under buildah 1.28.2, and only the same byte under the classic builder.'), notes[0]);
    assert.equal(stepAt(analysis, 2).certainty, 'estimated');
  });
});

/**
 * Analyses the Dockerfile in a context of `src/plain.txt`, the folders and the files, whose names
 * are given as latin1 so that `\xe9` is the one byte 0xE9, not valid UTF-8 alone.
 */
async function predictRaw(dockerfile: string, folders: string[], files: Record<string, string>, builder: BuilderKind = 'classic'): Promise<Analysis> {
  const root = makeContext({ Dockerfile: dockerfile, 'src/plain.txt': 'p' });
  for (const folder of folders) mkdirSync(rawHostPath(root, folder));
  for (const [name, content] of Object.entries(files)) writeFileSync(rawHostPath(root, name), raw(content));
  return analyze({ dockerfilePath: join(root, 'Dockerfile'), text: dockerfile, builder });
}
