/**
 * A fake engine's HTTP server listening on a unix socket in a temporary folder of its own, as the
 * engine tests start one in `before` and stop it in `after`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EngineSocket {
  /** The folder of the socket, removed by `close`. */
  readonly folder: string;
  readonly socketPath: string;
  /** Drops open connections, stops the server and removes the folder. */
  close(): Promise<void>;
}

/** Starts `server` on `docker.sock` in a new folder whose name starts with `prefix`. */
export async function listenOnSocket(server: Server, prefix: string): Promise<EngineSocket> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const socketPath = join(folder, 'docker.sock');
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    folder,
    socketPath,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
