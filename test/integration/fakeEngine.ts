/** A stand-in for the Docker Engine API on a unix socket, with one image that it saves from an archive. */
import * as fs from 'fs';
import { createServer, type Server } from 'http';
import * as path from 'path';
import { readImage } from '../../src/core/image/readImage';

/** The one image of the stand-in: its ID, its repository tag and the `docker save` archive of it. */
export interface FakeEngineImage {
  id: string;
  repoTag: string;
  archive: string;
}

/** The running stand-in, which DOCKER_HOST points to until `stop`. */
export interface FakeEngine {
  /** Puts DOCKER_HOST back as it was and closes the server. */
  stop(): Promise<void>;
}

/** Serves `image` on `docker.sock` in `folder` and points DOCKER_HOST at that socket. */
export async function startFakeEngine(folder: string, image: FakeEngineImage): Promise<FakeEngine> {
  const originalDockerHost = process.env.DOCKER_HOST;
  const socketPath = path.join(folder, 'docker.sock');
  const server = engineServer(image, await inspectResponse(image));
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  process.env.DOCKER_HOST = `unix://${socketPath}`;
  return {
    async stop() {
      if (originalDockerHost === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = originalDockerHost;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Returns the fields of the engine's inspect response that Layer Lens reads, taken from the image's archive. */
async function inspectResponse(image: FakeEngineImage): Promise<unknown> {
  const data = await readImage({ kind: 'path', path: image.archive });
  return { Id: image.id, Config: data.config.config, RootFS: { Type: 'layers', Layers: data.layers.map((layer) => layer.diffId) } };
}

/** Creates the server, which lists `image`, inspects it and saves it. Every other request gets 404. */
function engineServer(image: FakeEngineImage, inspect: unknown): Server {
  return createServer((request, response) => {
    const json = (value: unknown) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    if (request.url === '/images/json') return json([{ Id: image.id, RepoTags: [image.repoTag], Size: fs.statSync(image.archive).size }]);
    if (request.url === `/images/${image.id}/json`) return json(inspect);
    if (request.url === `/images/${image.id}/get`) {
      response.writeHead(200, { 'Content-Type': 'application/x-tar' });
      return void fs.createReadStream(image.archive).pipe(response);
    }
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}
