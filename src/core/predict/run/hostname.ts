/**
 * HOSTNAME at the start of a RUN. The classic builder puts it in the RUN's environment
 * (`CreateDaemonEnvironment` in moby's source), and so does buildah: buildah bud 1.28.2 gave a
 * dash RUN `HOSTNAME=` and 12 hex digits of the container's ID. BusyBox 1.35 ash and bash 5.2
 * set it themselves where the environment lacks it. BuildKit's source (`GenerateSpec` in its
 * executor/oci/spec.go) adds no variable, and no BuildKit build was checked, so under BuildKit
 * a dash RUN may or may not have it.
 */
import type { BuilderKind } from '../../dockerfile/builders';
import type { ShellFlavor } from './commands/shellError';
import type { ShellState } from './context';

/**
 * Placeholder host names, for the estimated sizes of the files that contain one. The classic
 * builder and buildah use 12 hex digits of the container's ID. BuildKit's default host name is
 * `buildkitsandbox`, taken from its source and not checked by a build.
 */
const estimatedHostnames: Record<BuilderKind, string> = { classic: '0123456789ab', buildah: '0123456789ab', buildkit: 'buildkitsandbox' };

/**
 * Sets HOSTNAME in `shell` where no ENV or ARG has set it. Where the builder or the shell (of
 * `flavor`) sets it, its value is unknown but surely not empty. Elsewhere, whether it is set is
 * unknown too.
 */
export function startHostname(shell: ShellState, builder: BuilderKind, flavor: ShellFlavor): void {
  if (shell.variables.has('HOSTNAME') || shell.unknownVariables.has('HOSTNAME')) return;
  shell.unknownVariables.add('HOSTNAME');
  // NOTE: a BuildKit dash RUN with `set -u` is taken to go on past `$HOSTNAME`, although it fails where BuildKit sets none.
  if (builder === 'buildkit' && flavor !== 'busybox' && flavor !== 'bash') return;
  shell.variables.set('HOSTNAME', estimatedHostnames[builder]);
  shell.nonEmptyVariables = new Set([...(shell.nonEmptyVariables ?? []), 'HOSTNAME']);
}

/** Removes `name` from the variables that `shell` takes to be non-empty, once the script sets or unsets it. */
export function clearNonEmpty(shell: ShellState, name: string): void {
  if (!shell.nonEmptyVariables?.has(name)) return;
  const rest = new Set(shell.nonEmptyVariables);
  rest.delete(name);
  shell.nonEmptyVariables = rest;
}
