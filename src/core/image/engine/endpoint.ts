/**
 * Finding the Docker Engine (or Podman) API: `DOCKER_HOST` (`unix://` or `tcp://` without TLS),
 * else `/var/run/docker.sock`, else the Podman sockets.
 */
import { ArchiveError } from '../../archive/errors';

export type EngineEndpoint = { socketPath: string } | { host: string; port: number };

export interface EndpointEnvironment {
  env: Record<string, string | undefined>;
  /** Whether a socket file exists; injected so that resolution is testable. */
  exists: (path: string) => boolean;
}

/** Returns the endpoint to use, or throws an `ArchiveError` that explains how to set one. */
export function resolveEngineEndpoint({ env, exists }: EndpointEnvironment): EngineEndpoint {
  const host = env.DOCKER_HOST?.trim();
  if (host) return parseDockerHost(host, env);
  const candidates = ['/var/run/docker.sock', '/run/podman/podman.sock'];
  if (env.XDG_RUNTIME_DIR) candidates.push(`${env.XDG_RUNTIME_DIR}/podman/podman.sock`);
  const found = candidates.find(exists);
  if (found) return { socketPath: found };
  throw new ArchiveError(`No container engine socket found (tried ${candidates.join(', ')}). Start Docker or Podman, or set DOCKER_HOST to unix:///path/to/docker.sock.`);
}

function parseDockerHost(host: string, env: Record<string, string | undefined>): EngineEndpoint {
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw new ArchiveError(`DOCKER_HOST=${host} is invalid: a unix socket path must be absolute.`);
    return { socketPath };
  }
  if (host.startsWith('tcp://')) {
    if (env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0') {
      throw new ArchiveError(`DOCKER_HOST=${host} needs TLS (DOCKER_TLS_VERIFY is set), which Layer Lens does not support; use the engine's unix socket.`);
    }
    const url = new URL('http://' + host.slice('tcp://'.length));
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 2375 };
  }
  throw new ArchiveError(`DOCKER_HOST=${host} is not supported: use unix:///path/to/docker.sock or tcp://HOST:PORT.`);
}

/** Describes an endpoint for messages. */
export function describeEndpoint(endpoint: EngineEndpoint): string {
  return 'socketPath' in endpoint ? `unix://${endpoint.socketPath}` : `tcp://${endpoint.host}:${endpoint.port}`;
}
