/**
 * The shell that a base image's configuration records (`Shell`, which a Docker-format image built
 * with a SHELL line has), and whether a builder starts a stage's shell-form RUNs with it.
 */
import type { BuildahFormat, BuilderKind } from './builders';

/**
 * Returns whether the builder runs the shell-form RUNs of a stage FROM an image under the shell
 * that the image's configuration records, until a SHELL line of the stage. Seen in real builds:
 * Docker Engine 20.10's classic builder (its history records `/bin/busybox ash -c echo ...`) and
 * buildah 1.28.2 `--format docker` (`$0` is `ash`). BuildKit does so too, read from its source
 * rather than run: dockerfile2llb's `withShell` prepends the image's `Config.Shell` when it is set.
 * buildah's default OCI format has no Shell field, so it warns ("SHELL is not supported for OCI
 * image format, [...] will be ignored") and runs them under `/bin/sh -c`.
 */
export function keepsBaseShell(builder: BuilderKind, buildahFormat: BuildahFormat): boolean {
  return builder !== 'buildah' || buildahFormat === 'docker';
}

/** Returns the info that buildah's default image format drops the base image's shell, so the stage's RUNs run under `/bin/sh -c`. */
export function droppedBaseShellMessage(shell: readonly string[]): string {
  const words = JSON.stringify(shell);
  return `The base image's configuration sets the shell ${words}, but buildah writes the OCI image format by default, which has no SHELL, so the RUNs of this stage run under /bin/sh -c, as buildah warns ("SHELL is not supported for OCI image format"). BuildKit, the classic builder and buildah --format docker run them under ${words}.`;
}
