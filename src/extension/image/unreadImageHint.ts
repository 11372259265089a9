/**
 * The editor's advice for an image that the prediction does not stack on: the cause that applies
 * this run, and what the user can change. No `vscode` import, so it runs under plain mocha.
 */
import { SOCKET_PERMISSION_ADVICE } from '../../core/image/engine/client';

/** The reason the editor did not read an image the build uses from the local container engine. */
export type UnreadImageCause =
  /** `layerLens.readBaseImagesFromEngine` is off. `settingsFile` names the file that turns it off, when one does. */
  | { kind: 'settingOff'; settingsFile: string | undefined }
  | { kind: 'untrusted' }
  /**
   * Listing the engine's images failed. `where` is the endpoint requested, absent when none was
   * found, and then `reason`, the error, names the sockets tried. `dockerHost` is DOCKER_HOST, when
   * set. `connectCode` is Node's error code when the connection failed before any response.
   */
  | { kind: 'noEngine'; where: string | undefined; reason: string; dockerHost: string | undefined; connectCode?: string }
  /** The engine's socket exists, but this user may not open it. */
  | { kind: 'socketDenied'; where: string }
  | { kind: 'notInEngine'; where: string }
  /** The engine lists the image, but reading it failed. The log has the error. */
  | { kind: 'unreadable'; where: string };

/** Returns the sentences that tell why `reference` is not read and how to have it read. */
export function unreadImageHintText(reference: string, cause: UnreadImageCause): string {
  switch (cause.kind) {
    case 'settingOff': {
      const where = cause.settingsFile ?? 'the settings';
      return `Layer Lens does not read it from the local container engine, because layerLens.readBaseImagesFromEngine is off in ${where}. Turn the setting on there to have it read.`;
    }
    case 'untrusted':
      return 'Layer Lens contacts the local container engine only in a trusted workspace. Trust the workspace to have it read from the engine.';
    case 'noEngine':
      return noEngineText(cause);
    case 'socketDenied':
      return `Permission to open the container engine's socket at ${cause.where} is denied, so Layer Lens cannot read it. ${SOCKET_PERMISSION_ADVICE}, to have it read.`;
    case 'notInEngine':
      return `The container engine at ${cause.where} has no image tagged ${reference}, and Layer Lens pulls nothing. Pull or build it to have it read.`;
    case 'unreadable':
      return `The container engine at ${cause.where} has ${reference}, but reading it failed. The Layer Lens log has the error.`;
  }
}

function noEngineText({ where, reason, dockerHost, connectCode }: Extract<UnreadImageCause, { kind: 'noEngine' }>): string {
  if (where === undefined) return `Layer Lens found no container engine to read it from. ${sentence(reason)}`;
  const source = dockerHost === undefined ? '' : ` (DOCKER_HOST=${dockerHost})`;
  const remedy = dockerHost === undefined ? 'Start Docker or Podman' : 'Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine,';
  // The engine client's errors for these codes state the same causes, so the hover matches the log.
  if (connectCode === 'ENOENT') return `The container engine's socket at ${where}${source} does not exist, so Layer Lens cannot read it. ${remedy} to have it read.`;
  if (connectCode === 'ENOTSOCK') return `The path ${where}${source} is not a socket, so Layer Lens cannot read the image from a container engine there. Set DOCKER_HOST to the engine's socket to have it read.`;
  if (connectCode === 'ECONNREFUSED') return `The connection to the container engine at ${where}${source} was refused, so no engine listens there and Layer Lens cannot read it. ${remedy} to have it read.`;
  return `The container engine at ${where}${source} did not answer the request for its images, so Layer Lens cannot read it. ${remedy} to have it read. The Layer Lens log has the error.`;
}

/** Ends an error message with a full stop, because the endpoint errors may end without one. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
