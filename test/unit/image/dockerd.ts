/**
 * A private Docker Engine for tests: Debian's `dockerd` (Engine 20.10) with its data root, exec
 * root and unix socket in a temporary folder, vfs storage, and no bridge or iptables, so it
 * touches neither the host's engine nor its network. Installed with apt-get when missing and
 * running as root.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrivateEngine {
  folder: string;
  socketPath: string;
  /** Runs the docker CLI against this engine; rejects with its output when it fails. */
  docker(args: string[], env?: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

/** Finds `dockerd`, installing Debian's docker.io when it is missing and the user is root. */
export async function ensureDockerd(): Promise<string | undefined> {
  const found = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find(existsSync);
  if (found || process.getuid?.() !== 0) return found;
  await run('apt-get', ['update'], { maxBuffer: 64 * 1024 * 1024 });
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'docker.io'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 });
  return ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find(existsSync);
}

/** Starts `dockerd` and waits until its API responds to `GET /_ping`, for at most `timeoutMs`. */
export async function startEngine(dockerd: string, timeoutMs = 60_000): Promise<PrivateEngine> {
  const folder = mkdtempSync(join(tmpdir(), 'layer-lens-engine-'));
  const socketPath = join(folder, 'docker.sock');
  const { child, log } = spawnDaemon(dockerd, folder, socketPath);

  // If the test process ends without `stop`, the daemon must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const engine: PrivateEngine = {
    folder,
    socketPath,
    docker: async (args, env = {}) => {
      try {
        const { stdout } = await run('docker', args, { env: { ...process.env, ...env, DOCKER_HOST: `unix://${socketPath}` }, maxBuffer: 64 * 1024 * 1024 });
        return stdout;
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`docker ${args.join(' ')} failed: ${failed.stderr || failed.stdout || failed.message}`);
      }
    },
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopDaemon(child, folder);
      rmSync(folder, { recursive: true, force: true });
    },
  };

  try {
    await waitForPing(socketPath, child, timeoutMs);
  } catch (error) {
    await engine.stop();
    throw new Error(`${(error as Error).message}\ndockerd output:\n${Buffer.concat(log).toString().slice(-4000)}`);
  }
  return engine;
}

function spawnDaemon(dockerd: string, folder: string, socketPath: string): { child: ChildProcess; log: Buffer[] } {
  const child = spawn(dockerd, [
    '--storage-driver=vfs', '--iptables=false', '--ip6tables=false', '--bridge=none',
    `--host=unix://${socketPath}`, `--data-root=${join(folder, 'root')}`, `--exec-root=${join(folder, 'exec')}`,
    `--pidfile=${join(folder, 'docker.pid')}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk));
  return { child, log };
}

async function waitForPing(socketPath: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dockerd exited with status ${child.exitCode} before its API responded.`);
    if (existsSync(socketPath) && (await ping(socketPath))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`dockerd did not respond to GET /_ping on ${socketPath} within ${timeoutMs} ms.`);
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET' }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

/**
 * Stops the daemon with SIGTERM, and with SIGKILL after 30 s. A daemon that stops normally stops
 * the containerd it started. A killed one cannot, so that containerd is stopped by its pid file,
 * once its command line shows that it belongs to this daemon's folder.
 */
async function stopDaemon(child: ChildProcess, folder: string): Promise<void> {
  let killed = false;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 30_000);
    await exited;
    clearTimeout(timer);
  }
  if (killed) stopOwnContainerd(folder);
}

function stopOwnContainerd(folder: string): void {
  const pidFile = join(folder, 'exec', 'containerd', 'containerd.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const commandLine = join('/proc', String(pid), 'cmdline');
  if (!(pid > 0) || !existsSync(commandLine) || !readFileSync(commandLine, 'utf8').includes(folder)) return;
  process.kill(pid, 'SIGKILL');
}
