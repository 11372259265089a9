import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ContextIndex } from '../../../src/core/context/contextIndex';
import type { ContextProblem, WalkProgress } from '../../../src/core/context/types';
import { walkContext } from '../../../src/core/context/walk';
import { makeTree, removeTree, type TreeSpec } from './tempTree';

function pathsOf(index: ContextIndex): string[] {
  return index.descendants('').map((file) => file.path);
}

describe('walkContext', () => {
  const roots: string[] = [];
  function tree(spec: TreeSpec): string {
    const root = makeTree(spec);
    roots.push(root);
    return root;
  }
  after(() => roots.forEach(removeTree));

  it('entries, types and modes', async () => {
    const root = tree({
      Dockerfile: 'FROM scratch\n',
      'src/app.js': 'abc',
      'src/lib/': '',
      'bin/tool': '#!/bin/sh\n',
      'private/': '',
      link: { link: 'src/app.js' },
      pipe: { fifo: true },
    });
    chmodSync(path.join(root, 'bin/tool'), 0o4755);
    chmodSync(path.join(root, 'private'), 0o700);
    chmodSync(path.join(root, 'src/app.js'), 0o640);
    const index = await walkContext(root);

    assert.deepEqual(pathsOf(index), [
      'Dockerfile', 'bin', 'bin/tool', 'link', 'pipe', 'private', 'src', 'src/app.js', 'src/lib',
    ]);
    assert.equal(index.size, 10);
    assert.deepEqual(index.problems, []);
    assert.equal(index.root, root);
    assert.equal(index.get('')?.type, 'directory');
    assert.equal(index.get('.')?.type, 'directory');
    assert.deepEqual(index.get('src/app.js'), {
      path: 'src/app.js', type: 'file', size: 3, mode: 0o640, uid: process.getuid?.(), gid: process.getgid?.(),
    });
    assert.equal(index.get('./src/app.js')?.path, 'src/app.js');
    assert.equal(index.get('bin/tool')?.mode, 0o4755);
    assert.equal(index.get('private')?.mode, 0o700);
    assert.equal(index.get('private')?.size, 0);
    assert.equal(index.get('link')?.type, 'symlink');
    assert.equal(index.get('link')?.linkTarget, 'src/app.js');
    assert.equal(index.get('pipe')?.type, 'other');
    assert.equal(index.get('pipe')?.fifo, true);
    assert.equal(index.get('pipe')?.size, 0);
    assert.deepEqual(index.children('src').map((file) => file.path), ['src/app.js', 'src/lib']);
    assert.deepEqual(index.children('src/app.js'), []);
  });

  it('symlink loop and dangling link', async () => {
    const root = tree({
      'loop-a': { link: 'loop-b' },
      'loop-b': { link: 'loop-a' },
      'dir/self': { link: '..' },
      dangling: { link: 'missing.txt' },
    });
    const index = await walkContext(root);

    assert.deepEqual(pathsOf(index), ['dangling', 'dir', 'dir/self', 'loop-a', 'loop-b']);
    assert.deepEqual(index.problems, []);
    assert.equal(index.get('dir/self')?.linkTarget, '..');
    assert.equal(index.get('dangling')?.linkTarget, 'missing.txt');
  });

  it('unix socket is other', async () => {
    const root = tree({ 'a.txt': 'a' });
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'app.sock'), resolve));
    try {
      const index = await walkContext(root);
      assert.equal(index.get('app.sock')?.type, 'other');
      assert.equal(index.get('app.sock')?.size, 0);
      assert.equal(index.get('app.sock')?.fifo, undefined);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('excluded directory recreated', async () => {
    const root = tree({
      '.dockerignore': 'vendor\n!vendor/keep/a.txt\n',
      'vendor/keep/a.txt': 'a',
      'vendor/keep/b.txt': 'b',
      'vendor/other/c.txt': 'c',
      'main.go': 'package main\n',
    });
    const index = await walkContext(root);

    assert.deepEqual(pathsOf(index), ['.dockerignore', 'main.go', 'vendor', 'vendor/keep', 'vendor/keep/a.txt']);
    assert.equal(index.get('vendor')?.recreated, true);
    assert.equal(index.get('vendor/keep')?.recreated, true);
    assert.equal(index.get('vendor/keep/a.txt')?.recreated, undefined);
    assert.equal(index.get('main.go')?.recreated, undefined);
  });

  it('Dockerfile-specific ignore file', async () => {
    const root = tree({
      '.dockerignore': '*.md\n',
      'build/app.Dockerfile': 'FROM scratch\n',
      'build/app.Dockerfile.dockerignore': '*.txt\n',
      'build/other.Dockerfile': 'FROM scratch\n',
      'a.md': 'a',
      'b.txt': 'b',
    });
    const specific = await walkContext(root, { dockerfilePath: path.join(root, 'build/app.Dockerfile') });
    assert.equal(specific.get('a.md')?.type, 'file');
    assert.equal(specific.get('b.txt'), undefined);
    assert.equal(specific.get('.dockerignore')?.type, 'file');
    assert.equal(specific.ignoreFile, path.join(root, 'build/app.Dockerfile.dockerignore'));

    const fallback = await walkContext(root, { dockerfilePath: path.join(root, 'build/other.Dockerfile') });
    assert.equal(fallback.get('a.md'), undefined);
    assert.equal(fallback.get('b.txt')?.type, 'file');
    assert.equal(fallback.ignoreFile, path.join(root, '.dockerignore'));
  });

  it('.dockerignore excluding itself', async () => {
    const root = tree({ '.dockerignore': '.dockerignore\n*.log\n', 'x.log': 'x', 'y.txt': 'y' });
    const index = await walkContext(root);
    assert.deepEqual(pathsOf(index), ['y.txt']);
  });

  it('invalid ignore line', async () => {
    const root = tree({ '.dockerignore': 'a[\n*.log\n', 'x.log': 'x', 'y.txt': 'y' });
    const index = await walkContext(root);

    assert.deepEqual(pathsOf(index), ['.dockerignore', 'y.txt']);
    assert.equal(index.problems.length, 1);
    assert.equal(index.problems[0]?.path, '.dockerignore');
    assert.match(index.problems[0]?.message ?? '', /^Line 1 is ignored here: "a\[" is not a valid pattern/);
  });

  it('maxEntries stops the walk', async () => {
    const spec: TreeSpec = {};
    for (let i = 0; i < 10; i++) spec[`f${i}.txt`] = String(i);
    const index = await walkContext(tree(spec), { maxEntries: 4 });

    assert.equal(index.size, 4);
    assert.deepEqual(pathsOf(index), ['f0.txt', 'f1.txt', 'f2.txt']);
    assert.equal(index.problems.length, 1);
    assert.match(index.problems[0]?.message ?? '', /more than 4 entries/);
    assert.match(index.problems[0]?.message ?? '', /\.dockerignore, or choose a smaller context folder/);
  });

  it('missing root rejects', async () => {
    const missing = path.join(tree({}), 'nope');
    await assert.rejects(walkContext(missing), (error: Error) => {
      assert.match(error.message, new RegExp(`directory ${missing} cannot be opened \\(not found\\)`));
      assert.match(error.message, /Choose an existing directory/);
      return true;
    });
  });

  it('file root rejects', async () => {
    const file = path.join(tree({ 'a.txt': 'a' }), 'a.txt');
    await assert.rejects(walkContext(file), (error: Error) => {
      assert.match(error.message, new RegExp(`${file} is not a directory`));
      return true;
    });
  });

  it('aborted signal rejects', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(walkContext(tree({ 'a.txt': 'a' }), { signal: controller.signal }), { name: 'AbortError' });
  });

  it('abort during the walk rejects', async () => {
    const spec: TreeSpec = {};
    for (let i = 0; i < 50; i++) spec[`dir${i % 5}/file${i}.txt`] = 'x';
    const root = tree(spec);
    const controller = new AbortController();
    // With no time between yields, the walk lets a callback run after each entry, so the abort
    // comes after reading the ignore file and before the last of the 55 entries.
    let callbacks = 0;
    const tick = (): void => {
      callbacks++;
      if (callbacks === 20) controller.abort();
      else setImmediate(tick);
    };
    setImmediate(tick);
    await assert.rejects(walkContext(root, { signal: controller.signal, yieldIntervalMs: 0 }), { name: 'AbortError' });
    assert.equal(callbacks, 20);
  });

  it('progress reports counts', async () => {
    const reports: WalkProgress[] = [];
    await walkContext(tree({ 'a/b/c.txt': 'c', 'a/d.txt': 'd', 'e.txt': 'e' }), {
      onProgress: (progress) => reports.push(progress),
    });
    assert.deepEqual(reports[reports.length - 1], { files: 3, directories: 3 });
  });

  it('unreadable file and directory', async () => {
    const root = tree({
      '.dockerignore': 'skipped\n',
      'ok.txt': 'ok',
      'secret.txt': 'secret',
      'locked/inner.txt': 'inner',
      'skipped/inner.txt': 'inner',
    });
    chmodSync(root, 0o755);
    for (const name of ['secret.txt', 'locked', 'skipped']) chmodSync(path.join(root, name), 0);
    // As root every file is readable, so the walk runs as the unprivileged user 65534 (nobody).
    const result = process.getuid?.() === 0 ? walkAsNobody(root) : await walkHere(root);

    assert.deepEqual(result.paths, ['.dockerignore', 'locked', 'ok.txt', 'secret.txt']);
    assert.deepEqual(result.problems.map((problem) => problem.path), ['locked', 'secret.txt']);
    assert.match(result.problems[0]?.message ?? '', /cannot be read \(permission denied\)/);
    assert.match(result.problems[1]?.message ?? '', /not readable by user/);
  });

  it('case 44 matches the recorded copy', async () => {
    const caseRoot = path.join(__dirname, '../../fixtures/cases/44-dockerignore-allowlist');
    const index = await walkContext(caseRoot);
    const expected = [
      'Dockerfile', 'src', 'src/a', 'src/a/b', 'src/app.js', 'src/keep', 'src/keep/x',
      'src/keep/x/k.js', 'src/keep/x/k.test.js',
    ];
    assert.deepEqual(pathsOf(index), expected);
    for (const builder of ['docker', 'buildah']) {
      assert.deepEqual(pathsOf(index), recordedCopy(`44-dockerignore-allowlist.${builder}.json`), builder);
    }
    assert.deepEqual(index.problems, []);
  });
});

interface WalkResult {
  paths: string[];
  problems: ContextProblem[];
}

function walkAsNobody(root: string): WalkResult {
  const script = path.join(__dirname, 'walkAsUser.ts');
  const run = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), script, root], {
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as WalkResult;
}

async function walkHere(root: string): Promise<WalkResult> {
  const index = await walkContext(root);
  return { paths: pathsOf(index), problems: index.problems };
}

/** Lists the context paths that a recorded `COPY . /ctx/` wrote, sorted. */
function recordedCopy(recording: string): string[] {
  const file = path.join(__dirname, '../../fixtures/context', recording);
  const build = JSON.parse(readFileSync(file, 'utf8')) as { history: { entries?: { path: string }[] }[] };
  const paths = build.history.flatMap((step) => step.entries ?? []).map((entry) => entry.path);
  return paths
    .filter((entryPath) => entryPath.startsWith('/ctx/'))
    .map((entryPath) => entryPath.slice('/ctx/'.length))
    .sort();
}
