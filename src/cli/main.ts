/** The `layer-lens` command: the same core as the extension, in a terminal or CI. */
import { setFlagsFromString } from 'node:v8';
import { version } from '../../package.json';
import type { Writable } from 'node:stream';
import { UsageError, messagePrefix, usageMessage, type CliIo } from './io';
import { GuardedOutput, describeWriteError } from './standardOutput';

const usage = `Usage: layer-lens <command> [options]

Commands:
  explain DOCKERFILE   predict the layers a Dockerfile builds (layer-lens explain --help)
  image SOURCE         read the layers of a built image: a docker save archive, an OCI
                       layout or archive, or docker://NAME from the Docker Engine

Options:
  --help, -h           print this help
  --version, -V        print the version of Layer Lens
`;

/** Runs the CLI; returns the exit status: 0 done, 1 input unreadable, 2 bad usage. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Each command's modules load when it runs, so explain never loads the image readers. A
      // `require`, because the tests' TypeScript loader resolves no `import()` without an extension.
      case 'explain':
        return await (require('./explain') as typeof import('./explain')).runExplain(rest, io);
      case 'image':
        return await (require('./image') as typeof import('./image')).runImage(rest, io);
      case undefined:
        // No command is a usage error: the usage goes where errors go.
        io.stderr.write(usage);
        return 2;
      case '--help':
      case '-h':
        io.stdout.write(usage);
        return 0;
      case '--version':
      case '-V':
        io.stdout.write(`layer-lens ${version}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (error) {
    return reportError(error, command, io);
  }
}

/**
 * Runs the CLI on the process's streams and waits until standard output has taken every write.
 * Returns `main`'s exit status, or 1 after a one-line message when a write to `stdout` failed.
 */
export async function runCli(argv: string[], stdout: Writable & { isTTY?: boolean }, stderr: Writable): Promise<number> {
  const output = new GuardedOutput(stdout);
  const status = await main(argv, { stdout: output, stderr });
  const failure = await output.close();
  if (failure === undefined) return status;
  stderr.write(`${messagePrefix(commandOf(argv[0]))}: cannot write the output: ${describeWriteError(failure)}. Check the file or device that standard output goes to.\n`);
  return 1;
}

/** The commands whose name starts their error messages; an unknown word is left out of them. */
const commands = new Set(['explain', 'image']);

function commandOf(word: string | undefined): string | undefined {
  return word !== undefined && commands.has(word) ? word : undefined;
}

function reportError(error: unknown, command: string | undefined, io: CliIo): number {
  const usage = usageMessage(error);
  const prefix = messagePrefix(commandOf(command));
  io.stderr.write(`${prefix}: ${usage ?? (error instanceof Error ? error.message : String(error))}\n`);
  if (usage !== undefined) {
    io.stderr.write(`Run "${prefix} --help" for usage.\n`);
    return 2;
  }
  // Unreadable input (InputError) and unexpected failures both mean the analysis did not run.
  return 1;
}

if (require.main === module) {
  // V8 recompiles the hot functions of the bash grammar's WASM with its optimising compiler on
  // background threads, and the process does not exit before that is done. For the example
  // Dockerfile that cost 0.4 s of wall time and 0.4 s of CPU time (Node 20.20, 2 cores). One CLI
  // run parses too little shell to gain from it, so the CLI keeps V8's baseline WASM code. The
  // extension host is left alone: its flags are shared with other extensions, and it parses for hours.
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
  let finished = false;
  // A reader that stalls without pending I/O lets Node exit with status 0 and no output; that
  // must read as a failure, not as success.
  process.once('beforeExit', () => {
    if (finished) return;
    process.stderr.write('layer-lens: the command stopped before it finished; this is a bug in Layer Lens.\n');
    process.exitCode = 1;
  });
  // NOTE: a standard output closed by the shell (`>&-`) cannot be reported. Node opens /dev/null
  // in its place before any script runs, with the same flags as Python's `subprocess.DEVNULL` and
  // Node's `stdio: 'ignore'` (checked in /proc/self/fdinfo on Linux, Node 20), so the output is
  // dropped as it is for `> /dev/null`.
  runCli(process.argv.slice(2), process.stdout, process.stderr).then((status) => {
    finished = true;
    process.exitCode = status;
  });
}
