/** Runs a CLI command in process and captures what it writes. */
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../../src/cli/io';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` with `argv` and returns its exit status and its output as text. With `tty` set,
 * standard output reports itself as a terminal, as `process.stdout.isTTY` does.
 */
export async function captureCli(command: (argv: string[], io: CliIo) => Promise<number>, argv: string[], options: { tty?: boolean } = {}): Promise<CliRun> {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const status = await command(argv, { stdout, stderr });
  return { status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
