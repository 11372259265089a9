/**
 * Starts and stops code-server 4.100.3 (VS Code 1.100.3) on a free loopback port, with its own
 * user data, configuration and extensions folders, so a run never touches the user's editor.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { repoRoot } from './paths';
import { userSettings } from './userSettings';
import { waitUntil } from './waitUntil';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface CodeServerOptions {
  /** Folder holding the extensions, user data and logs of this run. */
  runDir: string;
  extensionsDir: string;
  /** Extra environment for the server and so for its extension host. */
  env?: Record<string, string>;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  logFile: string;
  /** Null while the server runs; otherwise how it ended. */
  exitStatus(): string | null;
  /** The URL that opens `folder` in the workbench. */
  folderUrl(folder: string): string;
  /** The URL that opens the multi-root workspace of a `.code-workspace` file in the workbench. */
  workspaceUrl(file: string): string;
  stop(): Promise<void>;
}

/**
 * Runs scripts/setup-code-server.sh, which installs code-server and its system packages when
 * they are missing, and returns the path of the `code-server` executable.
 */
export function installCodeServer(): string {
  const output = execFileSync('bash', [path.join(repoRoot, 'scripts', 'setup-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const installDir = output.trim().split('\n').pop() ?? '';
  const executable = path.join(installDir, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(executable)) {
    throw new Error(`setup-code-server.sh printed "${installDir}", which holds no node_modules/.bin/code-server`);
  }
  return executable;
}

export async function startCodeServer(executable: string, options: CodeServerOptions): Promise<CodeServer> {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const logFile = path.join(options.runDir, 'code-server.log');
  const { configFile, userDataDir } = writeRunFiles(options.runDir);
  const args = [
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', options.extensionsDir,
  ];
  const log = fs.openSync(logFile, 'w');
  // A process group of its own, so stop() reaches the extension host and the watchers too.
  const child = spawn(executable, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, XDG_DATA_HOME: path.join(options.runDir, 'xdg-data'), ...options.env },
  });
  fs.closeSync(log);
  const server = describeServer(child, origin, logFile);
  try {
    await waitUntil(`code-server to answer on ${origin}`, READY_TIMEOUT_MS, async () => {
      const ended = server.exitStatus();
      if (ended !== null) throw new Error(`code-server ${ended}; see ${logFile}`);
      return isHealthy(origin);
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Writes the configuration file and the user settings of one run into `runDir`. */
function writeRunFiles(runDir: string): { configFile: string; userDataDir: string } {
  const configFile = path.join(runDir, 'code-server-config.yaml');
  // An explicit config file keeps code-server from writing one under ~/.config.
  fs.writeFileSync(configFile, 'auth: none\n');
  const userDataDir = path.join(runDir, 'user-data');
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify(userSettings, null, 2));
  return { configFile, userDataDir };
}

function describeServer(child: ChildProcess, origin: string, logFile: string): CodeServer {
  let exitStatus: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
      resolve();
    });
  });
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  // If the launcher itself ends abruptly, the server must not outlive it.
  const onExit = (): void => killGroup('SIGKILL');
  process.once('exit', onExit);
  return {
    origin,
    logFile,
    exitStatus: () => exitStatus,
    folderUrl: (folder) => `${origin}/?folder=${encodeURIComponent(folder)}`,
    workspaceUrl: (file) => `${origin}/?workspace=${encodeURIComponent(file)}`,
    stop: async () => {
      process.removeListener('exit', onExit);
      killGroup('SIGTERM');
      const timer = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([exited, timer]);
      // Children of the server (extension host, pty host) may ignore SIGTERM.
      killGroup('SIGKILL');
    },
  };
}

async function isHealthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}

/** Asks the kernel for a free port on 127.0.0.1. Another process could take it before use. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}
