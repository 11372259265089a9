/**
 * Runs a command in its own process under GNU time, which reports the wall time, the CPU time of
 * the process and its children, and the peak resident set size of the largest of them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TIME = '/usr/bin/time';

export interface ProcessFigures {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set size in bytes. */
  peakRss: number;
}

export interface RunOptions {
  cwd?: string;
  /** File that receives standard output; `/dev/null` unless given. */
  stdout?: string;
}

/** Returns why processes cannot be measured on this machine, or `undefined` when they can. */
export function measurementProblem(): string | undefined {
  return existsSync(TIME) ? undefined : `${TIME} is missing: install GNU time (apt-get install -y time).`;
}

/** Runs `command` once and returns its figures; rejects with its standard error when it fails. */
export async function measureOnce(command: string, args: string[], options: RunOptions = {}): Promise<ProcessFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'layer-lens-time-'));
  const report = join(folder, 'time.txt');
  try {
    const stderr = await run(TIME, ['-f', '%e %U %S %M', '-o', report, command, ...args], options);
    const text = (await readFile(report, 'utf8')).trim().split('\n').pop() ?? '';
    const [wall, user, system, rssKb] = text.split(' ').map(Number);
    if ([wall, user, system, rssKb].some((value) => !Number.isFinite(value))) {
      throw new Error(`${TIME} wrote an unexpected report for ${command}: ${JSON.stringify(text)}\n${stderr}`);
    }
    return { wallMs: wall * 1000, cpuMs: (user + system) * 1000, peakRss: rssKb * 1024 };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Runs `command` `runs` times and returns the run with the median wall time. */
export async function measure(command: string, args: string[], runs: number, options: RunOptions = {}): Promise<ProcessFigures> {
  const results: ProcessFigures[] = [];
  for (let i = 0; i < runs; i++) results.push(await measureOnce(command, args, options));
  results.sort((a, b) => a.wallMs - b.wallMs);
  return results[Math.floor((results.length - 1) / 2)];
}

/** Runs a command to completion and returns its standard error; rejects on a non-zero status. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', 'exec "$@" > "$OUT"', 'sh', command, ...args], {
      cwd: options.cwd,
      env: { ...process.env, OUT: options.stdout ?? '/dev/null' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve(stderr);
      else reject(new Error(`${command} ${args.join(' ')} exited with status ${status}: ${stderr.trim().slice(-2000)}`));
    });
  });
}
