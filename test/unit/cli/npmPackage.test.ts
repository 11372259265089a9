import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');
const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** The part of one `npm pack --json` entry that these tests read. */
interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

/** The files a CLI user needs: the bundle, the WASM files it loads from beside it, and the documents. */
const expectedFiles = [
  'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/tree-sitter-bash.wasm', 'dist/web-tree-sitter.wasm',
  'docs/cli.md', 'docs/editor.md', 'docs/images.md', 'docs/prediction.md', 'package.json',
];

const dockerfile = 'FROM alpine:3.20\nWORKDIR /app\nCOPY app.txt /app/\nRUN echo hi > /app/greeting\n';

/** What `npm pack` and its prepack build read; node_modules is linked, not copied. */
const projectFiles = ['package.json', '.npmignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs', 'esbuild.js', 'tsconfig.json', 'src'];

describe('npm package of the CLI', function () {
  this.timeout(60_000);

  let temp = '';
  let pack: PackResult = { filename: '', files: [] };
  let unpacked = '';

  before(async () => {
    temp = mkdtempSync(join(tmpdir(), 'layer-lens-pack-'));
    pack = await packInto(copyProject(join(temp, 'source')), temp);
    unpacked = join(temp, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['-xzf', join(temp, pack.filename), '-C', unpacked]);
  });

  after(() => {
    if (temp !== '') rmSync(temp, { recursive: true, force: true });
  });

  it('tarball contains only CLI files', () => {
    const paths = pack.files.map((file) => file.path).sort();
    assert.deepEqual(paths, expectedFiles);
  });

  it('packed README links resolve', () => {
    // Images are left out, because the package leaves out the screenshots (450 KB) on purpose.
    const readme = readFileSync(join(unpacked, 'package', 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)#:]+)(?:#[^)]*)?\)/g)].map((match) => match[1]);
    assert.ok(targets.includes('docs/cli.md'), `README links: ${targets.join(', ')}`);
    for (const target of targets) assert.ok(existsSync(join(unpacked, 'package', target)), `${target} is not in the package`);
  });

  it('packed manifest has no dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.equal(manifest.dependencies, undefined);
  });

  it('packed bundle is the production build', () => {
    // A development build ends with a source map comment, and the prepack script builds without one.
    const lastLine = readFileSync(join(unpacked, 'package', 'dist', 'cli.js'), 'utf8').trimEnd().split('\n').at(-1) ?? '';
    assert.doesNotMatch(lastLine, /^\/\/# sourceMappingURL=/);
  });

  describe('installed offline', () => {
    let prefix = '';
    let installed = '';

    before(async () => {
      prefix = join(temp, 'prefix');
      // `--offline`, because a package without dependencies must install from its tarball alone.
      await run('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(temp, pack.filename)], { cwd: temp });
      installed = join(prefix, 'lib', 'node_modules', 'layer-lens');
      mkdirSync(join(temp, 'project'));
      writeFileSync(join(temp, 'project', 'Dockerfile'), dockerfile);
      writeFileSync(join(temp, 'project', 'app.txt'), 'hello\n');
    });

    it('install adds no other package', () => {
      assert.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['layer-lens']);
      assert.equal(existsSync(join(installed, 'node_modules')), false);
    });

    it('command prints its version', async () => {
      const { stdout } = await runInstalled(['--version']);
      assert.equal(stdout, `layer-lens ${packageVersion}\n`);
    });

    it('explain predicts a RUN step', async () => {
      const { stdout, stderr } = await runInstalled(['explain', 'Dockerfile']);
      assert.equal(stderr, '');
      assert.match(stdout, /^Dockerfile: target stage 0, 4 steps, predicted for BuildKit \(--builder buildkit\)\n/);
      assert.match(stdout, /#2 +line 3 +COPY app\.txt \/app\/\n +adds 1 \(6 B\); exact\n/);
      // The shell parser loads both WASM files from beside dist/cli.js, and without them this RUN
      // would get "no listed changes; unknown".
      assert.match(stdout, /#3 +line 4 +RUN echo hi > \/app\/greeting\n +adds 1 \(3 B\); exact\n/);
      assert.match(stdout, /\n +greeting +3 B, from #3\n/);
    });

    /** Runs the `layer-lens` that npm linked into the prefix's bin folder, in the test project. */
    async function runInstalled(argv: string[]): Promise<{ stdout: string; stderr: string }> {
      return run(join(prefix, 'bin', 'layer-lens'), argv, { cwd: join(temp, 'project') });
    }
  });
});

/**
 * Copies the project's sources to `folder` and returns it. The prepack script rebuilds dist/ for
 * production, which must not replace the development build of this work tree.
 */
function copyProject(folder: string): string {
  for (const name of projectFiles) cpSync(join(root, name), join(folder, name), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

/** Packs the project in `source` with `npm pack` into `destination` and returns npm's `--json` entry for it. */
async function packInto(source: string, destination: string): Promise<PackResult> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: source, maxBuffer: 64 * 1024 * 1024 });
  const results = JSON.parse(stdout) as PackResult[];
  assert.equal(results.length, 1);
  return results[0];
}
