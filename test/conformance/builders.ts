/**
 * The real builders the recorder drives: a private Docker Engine (classic builder) and buildah,
 * each with its own data root in a temporary folder and reached only through a unix socket or
 * its own store. Builds run without network (`--network=none`); buildah uses chroot isolation,
 * which cannot be combined with `--network none`, and no case downloads anything.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RecordedBuilder } from './recording';

const run = promisify(execFile);

export interface BuildRequest {
  name: string;
  folder: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /** Where the built image is saved as a docker-archive. */
  archive: string;
}

export interface BuildOutcome {
  ok: boolean;
  /** Combined output of the build, for a failed one. */
  output: string;
}

export interface Builder {
  readonly name: RecordedBuilder;
  readonly tool: string;
  readonly storage: string;
  build(request: BuildRequest): Promise<BuildOutcome>;
  stop(): Promise<void>;
}

/** Runs a command, returning its combined output and whether it exited with status 0. */
async function attempt(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<BuildOutcome> {
  try {
    const { stdout, stderr } = await run(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: (failed.stdout ?? '') + (failed.stderr ?? '') || failed.message };
  }
}

async function required(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const outcome = await attempt(command, args, options);
  if (!outcome.ok) throw new Error(`${command} ${args.join(' ')} failed:\n${outcome.output}`);
  return outcome.output;
}

function buildFlags(request: BuildRequest): string[] {
  const flags: string[] = [];
  if (request.target) flags.push('--target', request.target);
  for (const [name, value] of Object.entries(request.buildArgs ?? {})) flags.push('--build-arg', `${name}=${value}`);
  return flags;
}

/** Unmounts whatever a daemon left mounted under `root`, deepest first, then removes it. */
function removeDataRoot(root: string): void {
  const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1]).filter((point) => point?.startsWith(root + '/'));
  for (const point of mounts.sort().reverse()) {
    try {
      execFileSync('umount', ['-l', point], { stdio: 'pipe' });
    } catch (error) {
      process.stderr.write(`umount ${point} failed: ${String(error)}\n`);
    }
  }
  rmSync(root, { recursive: true, force: true });
}

/** Docker Engine 20.10 with the classic builder, on a private socket and data root. */
export class ClassicBuilder implements Builder {
  readonly name = 'classic';
  private constructor(
    readonly tool: string,
    readonly storage: string,
    private readonly root: string,
    private readonly daemon: ChildProcess,
  ) {}

  private get env(): NodeJS.ProcessEnv {
    return { ...process.env, DOCKER_HOST: `unix://${join(this.root, 'docker.sock')}`, DOCKER_BUILDKIT: '0' };
  }

  /** Starts `dockerd` in `root` and loads the base image archive into it. */
  static async start(root: string, storage: string, baseImage: string): Promise<ClassicBuilder> {
    mkdirSync(root, { recursive: true });
    const version = (await required('dockerd', ['--version'])).trim();
    const daemon = spawn('dockerd', [
      `--storage-driver=${storage}`, '--iptables=false', '--ip6tables=false', '--bridge=none',
      `--host=unix://${join(root, 'docker.sock')}`, `--data-root=${join(root, 'data')}`,
      `--exec-root=${join(root, 'exec')}`, `--pidfile=${join(root, 'docker.pid')}`,
    ], { stdio: ['ignore', 'ignore', 'ignore'] });
    const builder = new ClassicBuilder(version, storage, root, daemon);
    await builder.waitUntilReady();
    await required('docker', ['load', '-i', baseImage], { env: builder.env });
    return builder;
  }

  /** Polls the socket until the daemon responds, for at most 60 seconds. */
  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if ((await attempt('docker', ['version'], { env: this.env })).ok) return;
      if (this.daemon.exitCode !== null) throw new Error(`dockerd exited with status ${this.daemon.exitCode} before it answered.`);
      if (Date.now() > deadline) throw new Error('dockerd did not answer on its socket within 60 seconds.');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async build(request: BuildRequest): Promise<BuildOutcome> {
    const tag = `layer-lens/${request.name}:classic`;
    const outcome = await attempt('docker', ['build', '--network=none', '-t', tag, ...buildFlags(request), '-f', 'Dockerfile', '.'], { cwd: request.folder, env: this.env });
    if (!outcome.ok) return outcome;
    await required('docker', ['save', '-o', request.archive, tag], { env: this.env });
    return outcome;
  }

  async stop(): Promise<void> {
    if (this.daemon.exitCode === null) {
      const exited = new Promise((resolve) => this.daemon.once('exit', resolve));
      this.daemon.kill('SIGTERM');
      await exited;
    }
    removeDataRoot(this.root);
  }
}

/** buildah 1.28 with `--layers` and chroot isolation, on a private store. */
export class BuildahBuilder implements Builder {
  readonly name = 'buildah';
  private constructor(
    readonly tool: string,
    readonly storage: string,
    private readonly root: string,
  ) {}

  private get storeFlags(): string[] {
    return ['--root', join(this.root, 'store'), '--runroot', join(this.root, 'run'), '--storage-driver', this.storage];
  }

  static async start(root: string, storage: string, baseImage: string): Promise<BuildahBuilder> {
    mkdirSync(root, { recursive: true });
    const version = (await required('buildah', ['--version'])).trim();
    const builder = new BuildahBuilder(version, storage, root);
    await required('buildah', [...builder.storeFlags, 'pull', '-q', `docker-archive:${baseImage}`]);
    return builder;
  }

  async build(request: BuildRequest): Promise<BuildOutcome> {
    const tag = `layer-lens/${request.name}:buildah`;
    const outcome = await attempt('buildah', [...this.storeFlags, 'bud', '--layers', '--isolation', 'chroot', '-t', tag, ...buildFlags(request), '-f', 'Dockerfile', '.'], { cwd: request.folder });
    if (!outcome.ok) return outcome;
    await required('buildah', [...this.storeFlags, 'push', '-q', tag, `docker-archive:${request.archive}:${tag}`]);
    return outcome;
  }

  async stop(): Promise<void> {
    if (existsSync(join(this.root, 'store'))) await attempt('buildah', [...this.storeFlags, 'rmi', '-a', '-f']);
    removeDataRoot(this.root);
  }
}
