import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';

const root = join(__dirname, '..', '..', '..');
const dockerfile = join(root, 'examples', 'node-service', 'Dockerfile');
const archive = join(root, 'test', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');
const fullDisk = '/dev/full';
/** Returns the message of a failed write, which starts with `prefix`, the command's name, as its other errors do. */
function writeFailure(prefix: string): string {
  return `${prefix}: cannot write the output: no space left on device (ENOSPC). Check the file or device that standard output goes to.\n`;
}

/** Runs `runCli` with standard output on /dev/full, where every write fails with `ENOSPC`. */
async function runOnFullDisk(argv: string[]): Promise<{ status: number; stderr: string }> {
  const stdout = createWriteStream(fullDisk);
  const stderr = new PassThrough();
  let errors = '';
  stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const status = await runCli(argv, stdout, stderr);
  stdout.destroy();
  return { status, stderr: errors };
}

/**
 * Runs the CLI's entry file in a Node process whose standard output is `stdout`: a file descriptor,
 * or a pipe whose reading end is closed before the CLI writes.
 */
async function runProcess(argv: string[], stdout: number | 'closed pipe'): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(root, 'src', 'cli', 'main.ts'), ...argv], {
    cwd: root,
    stdio: ['ignore', stdout === 'closed pipe' ? 'pipe' : stdout, 'pipe'],
  });
  child.stdout?.destroy();
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stderr: errors };
}

describe('standard output write errors', () => {
  const commands: Array<[string, string[]]> = [
    ['explain text', ['explain', dockerfile]],
    ['explain --json', ['explain', '--json', dockerfile]],
    ['image text', ['image', archive]],
    ['image --json', ['image', '--json', archive]],
  ];
  for (const [name, argv] of commands) {
    it(`${name} on a full disk`, async () => {
      const result = await runOnFullDisk(argv);
      assert.equal(result.stderr, writeFailure(`layer-lens ${argv[0]}`));
      assert.equal(result.status, 1);
    });
  }

  it('--version on a full disk', async () => {
    const result = await runOnFullDisk(['--version']);
    assert.equal(result.stderr, writeFailure('layer-lens'));
    assert.equal(result.status, 1);
  });

  it('full disk overrides a broken --ci limit', async () => {
    const result = await runOnFullDisk(['image', '--ci', '--max-wasted-bytes', '0', archive]);
    assert.match(result.stderr, /cannot write the output: no space left on device \(ENOSPC\)/);
    assert.equal(result.status, 1);
  });

  it('process on a full disk', async () => {
    const fd = openSync(fullDisk, 'w');
    try {
      const result = await runProcess(['explain', dockerfile], fd);
      assert.equal(result.stderr, writeFailure('layer-lens explain'));
      assert.equal(result.status, 1);
    } finally {
      closeSync(fd);
    }
  });
});

describe('standard output closed by its reader', () => {
  it('explain ends quietly', async () => {
    const result = await runProcess(['explain', dockerfile], 'closed pipe');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });

  it('explain --json ends quietly', async () => {
    const result = await runProcess(['explain', '--json', dockerfile], 'closed pipe');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });

  it('image --ci keeps status 3', async () => {
    const result = await runProcess(['image', '--ci', '--max-wasted-bytes', '0', archive], 'closed pipe');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 3);
  });
});
