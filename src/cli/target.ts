/** The check of a `--target` option, shared by the commands that read a Dockerfile. */
import { UsageError } from './io';

/** Rejects a `--target` that names no stage, listing the stages there are. */
export function checkTarget(names: Array<string | null>, target: string): void {
  const lower = target.toLowerCase();
  if (names.includes(lower)) return;
  if (/^\d+$/.test(target) && Number(target) < names.length) return;
  const known = names.map((name, index) => name ?? String(index)).join(', ');
  throw new UsageError(`--target "${target}" names no stage of the Dockerfile. Its stages: ${known || 'none'}.`);
}
