/** The options of the commands that read a Dockerfile (`--target`, `--build-arg`), parsed alike. */
import { UsageError } from './io';

/** Rejects a `--target` that names no stage, listing the stages there are. */
export function checkTarget(names: Array<string | null>, target: string): void {
  const lower = target.toLowerCase();
  if (names.includes(lower)) return;
  if (/^\d+$/.test(target) && Number(target) < names.length) return;
  const known = names.map((name, index) => name ?? String(index)).join(', ');
  throw new UsageError(`--target "${target}" names no stage of the Dockerfile. Its stages: ${known || 'none'}.`);
}

/**
 * Parses `--build-arg NAME=VALUE` options into a map of names to values. `--build-arg NAME` takes
 * the value of the environment variable NAME, and leaves the argument unset when there is none,
 * as `docker build` does.
 */
export function parseBuildArgs(pairs: string[], environment: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const buildArgs: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(pair)) {
      const value = environment[pair];
      if (value !== undefined) buildArgs[pair] = value;
      continue;
    }
    if (equals <= 0) throw new UsageError(`--build-arg "${pair}" is not of the form NAME=VALUE or NAME.`);
    buildArgs[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return buildArgs;
}
