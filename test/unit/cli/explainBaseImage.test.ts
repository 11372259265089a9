import * as assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { BaseImageJson } from '../../../src/cli/baseImages';
import type { ExplainJson, JsonChange } from '../../../src/core/report/explainJson';
import { makeContext, removeContexts } from '../predict/helpers';
import { listenOnSocket, type EngineSocket } from '../image/engineSocket';
import { captureCli, type CliRun } from './capture';

/** A busybox root filesystem whose /etc/passwd has `app:x:1000:1000`, tagged `busybox-local:2`. */
const fixture = join(__dirname, '..', '..', 'fixtures', 'images', 'busybox-local-2.tar');
const fixtureDigest = 'sha256:c43bd03f12ceb60800ce25ce70611958eaa106eca578092cd5981b73df96359f';

/** The base image has `/etc/os-release`, and `/home/app` is its folder of the user `app`. */
const dockerfile = [
  'FROM busybox-local:2',
  'COPY --chown=app app.txt /home/app/app.txt',
  'COPY os-release /etc/os-release',
  'USER app',
  'RUN touch /home/app/ready',
  '',
].join('\n');

type Json = ExplainJson & { baseImages: BaseImageJson[] };

function run(...argv: string[]): Promise<CliRun> {
  return captureCli(main, argv);
}

function makeDockerfile(text = dockerfile): string {
  return join(makeContext({ Dockerfile: text, 'app.txt': 'hello\n', 'os-release': 'NAME=app\n' }), 'Dockerfile');
}

/** Returns the change of `path` in the layer of Dockerfile line `line`. */
function changeAt(json: Json, line: number, path: string): JsonChange | undefined {
  return json.layers.find((layer) => layer.line === line)?.changes.find((change) => change.path === path);
}

async function explainJson(...argv: string[]): Promise<{ json: Json; stderr: string }> {
  const result = await run('explain', '--json', ...argv);
  assert.equal(result.status, 0, result.stderr);
  return { json: JSON.parse(result.stdout) as Json, stderr: result.stderr };
}

describe('explain --base-image', () => {
  afterEach(removeContexts);

  it('owners resolve through the read base', async () => {
    const path = makeDockerfile();
    const { json, stderr } = await explainJson('--base-image', `busybox-local:2=${fixture}`, path);
    assert.equal(stderr, '');
    const copied = changeAt(json, 2, '/home/app/app.txt');
    assert.equal(copied?.uid, 1000);
    assert.equal(copied?.gid, 1000);
    assert.equal(copied?.certainty, 'exact');
    const touched = changeAt(json, 5, '/home/app/ready');
    assert.equal(touched?.uid, 1000);
    assert.equal(touched?.gid, 1000);
    assert.equal(touched?.certainty, 'exact');
    assert.deepEqual(json.layers.map((layer) => layer.certainty), ['exact', 'exact', 'exact', 'exact', 'exact']);
  });

  it('unread base leaves owners unknown', async () => {
    const { json } = await explainJson(makeDockerfile());
    assert.equal(changeAt(json, 2, '/home/app/app.txt')?.uid, null);
    assert.equal(changeAt(json, 2, '/home/app/app.txt')?.certainty, 'estimated');
    assert.equal(changeAt(json, 5, '/home/app/ready')?.uid, null);
    assert.equal(json.layers[0].certainty, 'unknown');
    assert.deepEqual(json.baseImages, []);
  });

  it('base path reads as modified', async () => {
    const path = makeDockerfile();
    const unread = await explainJson(path);
    const read = await explainJson('--base-image', `busybox-local:2=${fixture}`, path);
    assert.equal(changeAt(unread.json, 3, '/etc/os-release')?.change, 'added');
    assert.equal(changeAt(read.json, 3, '/etc/os-release')?.change, 'modified');
    // The base image's /home/app is kept, so the COPY adds only the file.
    assert.deepEqual(read.json.layers[1].changes.map((change) => `${change.change} ${change.path}`), ['added /home/app/app.txt']);
    const merged = read.json.merged.find((item) => item.path === '/etc/os-release');
    assert.deepEqual(merged?.shadows, [0]);
    assert.ok(read.json.merged.some((item) => item.path === '/bin/busybox' && item.layer === 0));
  });

  it('merged marks only assumed base folders', async () => {
    const path = makeDockerfile();
    const unread = await explainJson(path);
    const read = await explainJson('--base-image', `busybox-local:2=${fixture}`, path);
    const assumed = (json: typeof unread.json) => json.merged.filter((item) => item.assumed).map((item) => item.path);
    assert.ok(assumed(unread.json).includes('/proc'), JSON.stringify(assumed(unread.json)));
    // The COPY makes /home/app, so it and its file are the Dockerfile's, not assumed.
    assert.ok(!assumed(unread.json).some((path) => path.startsWith('/home/app')));
    assert.ok(unread.json.merged.some((item) => item.path === '/home/app/app.txt' && item.assumed === undefined));
    assert.deepEqual(assumed(read.json), []);
  });

  it('json lists the read images', async () => {
    const { json } = await explainJson('--base-image', `busybox-local:2=${fixture}`, makeDockerfile());
    assert.deepEqual(json.baseImages, [{ reference: 'busybox-local:2', source: fixture, configDigest: fixtureDigest, platform: 'linux/amd64' }]);
    assert.deepEqual(Object.keys(json).slice(0, 6), ['schemaVersion', 'source', 'builder', 'stages', 'target', 'baseImages']);
    assert.equal(json.schemaVersion, 1);
  });

  it('text names the read base', async () => {
    const result = await run('explain', '--base-image', `busybox-local:2=${fixture}`, makeDockerfile());
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /\nBase image busybox-local:2 read from .*busybox-local-2\.tar \(linux\/amd64\)\n/);
    assert.match(result.stdout, /#0 +line 1 +FROM busybox-local:2\n +base image read: 62 paths \(2\.0 MB\); exact\n/);
    assert.match(result.stdout, /#2 +line 3 +COPY os-release \/etc\/os-release\n +modifies 1 \(9 B\), shadowing 35 B; exact\n/);
    assert.match(result.stdout, /Merged filesystem \(3 paths from the Dockerfile's own steps; 58 paths of the read base image not listed\):\n/);
    assert.match(result.stdout, /\n {2}etc\/ {2}\(base image\)\n {4}os-release {2}9 B, from #2, shadows #0\n/);
    assert.doesNotMatch(result.stdout, /busybox {2}/);
  });

  it('normalized reference matches', async () => {
    const { json, stderr } = await explainJson('--base-image', `docker.io/library/busybox-local:2=${fixture}`, makeDockerfile());
    assert.equal(stderr, '');
    assert.equal(json.baseImages[0]?.reference, 'busybox-local:2');
    assert.equal(changeAt(json, 2, '/home/app/app.txt')?.uid, 1000);
  });

  it('base of a copied stage is read', async () => {
    // COPY --from keeps the owner that the build stage's RUN gave the file.
    const path = makeDockerfile('FROM busybox-local:2 AS build\nUSER app\nRUN touch /home/app/x\nFROM scratch\nCOPY --from=build /home/app/x /x\n');
    const { json, stderr } = await explainJson('--base-image', `busybox-local:2=${fixture}`, path);
    assert.equal(stderr, '');
    assert.deepEqual(json.baseImages.map((image) => image.reference), ['busybox-local:2']);
    const copied = changeAt(json, 5, '/x');
    assert.equal(copied?.uid, 1000);
    assert.equal(copied?.certainty, 'exact');
  });

  it('unused REF warns', async () => {
    const path = makeDockerfile();
    const result = await run('explain', '--json', '--base-image', `alpine:3.20=${fixture}`, path);
    assert.equal(result.status, 0);
    assert.equal(result.stderr, `layer-lens explain: warning: --base-image alpine:3.20=${fixture}: the build does not read alpine:3.20 (it reads busybox-local:2), so this option is ignored.\n`);
    const json = JSON.parse(result.stdout) as Json;
    assert.deepEqual(json.baseImages, []);
    assert.equal(changeAt(json, 2, '/home/app/app.txt')?.uid, null);
  });

  it('unused REF without external images', async () => {
    const result = await run('explain', '--base-image', 'alpine:3.20=/nonexistent.tar', makeDockerfile('FROM scratch\nCOPY app.txt /\n'));
    assert.equal(result.status, 0);
    assert.equal(result.stderr, 'layer-lens explain: warning: --base-image alpine:3.20=/nonexistent.tar: the build does not read alpine:3.20 (it reads no external image), so this option is ignored.\n');
  });

  it('reading problems are warnings', async () => {
    const result = await run('explain', '--platform', 'linux/arm64', '--base-image', `busybox-local:2=${fixture}`, makeDockerfile());
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, `layer-lens explain: warning: --base-image busybox-local:2=${fixture}: ${fixture}: the image is for linux/amd64, not linux/arm64; it holds one image only, so that one is read.\n`);
    assert.match(result.stdout, /base image read: 62 paths/);
  });

  it('FROM --platform skips --platform check', async () => {
    const text = dockerfile.replace('FROM busybox-local:2', 'FROM --platform=linux/amd64 busybox-local:2');
    const result = await run('explain', '--platform', 'linux/arm64', '--base-image', `busybox-local:2=${fixture}`, makeDockerfile(text));
    assert.equal(result.status, 0, result.stderr);
    // The flag, not --platform, chooses the stage's platform, and the linux/amd64 image fits the flag.
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /base image read: 62 paths/);
  });

  it('FROM --platform chooses from an index', async () => {
    // buildah wrote this index of linux/amd64 and linux/arm64/v8 images under the name multi:list.
    const index = join(__dirname, '..', '..', 'fixtures', 'images', 'multi-platform', 'multi-platform.oci.tar');
    const text = 'FROM --platform=linux/arm64 multi:list\nCOPY app.txt /app.txt\n';
    const result = await run('explain', '--json', '--platform', 'linux/amd64', '--base-image', `multi:list=${index}`, makeDockerfile(text));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const json = JSON.parse(result.stdout) as Json;
    assert.equal(json.baseImages[0].platform, 'linux/arm64/v8');
  });

  it('--platform still checks plain FROM', async () => {
    // One stage has its own platform and one has none, so --platform chooses the image of the second.
    const text = `FROM --platform=linux/amd64 busybox-local:2 AS tools\n${dockerfile}COPY --from=tools /bin/busybox /tools/busybox\n`;
    const result = await run('explain', '--platform', 'linux/arm64', '--base-image', `busybox-local:2=${fixture}`, makeDockerfile(text));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, `layer-lens explain: warning: --base-image busybox-local:2=${fixture}: ${fixture}: the image is for linux/amd64, not linux/arm64; it holds one image only, so that one is read.\n`);
  });

  it('missing SOURCE file', async () => {
    const result = await run('explain', '--base-image', 'busybox-local:2=/nonexistent/base.tar', makeDockerfile());
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      'layer-lens explain: --base-image busybox-local:2=/nonexistent/base.tar cannot be read: /nonexistent/base.tar not found. Pass a docker save archive, an OCI archive or layout folder, or docker://NAME.\n',
    );
  });

  it('malformed values are usage errors', async () => {
    const path = makeDockerfile();
    const cases: Array<[string, string]> = [
      ['=x', '--base-image "=x" names no image: pass REF=SOURCE, such as node:20=node.tar, or REF alone to read the engine\'s copy.'],
      ['', '--base-image "" names no image: pass REF=SOURCE, such as node:20=node.tar, or REF alone to read the engine\'s copy.'],
      ['busybox-local:2=', '--base-image "busybox-local:2=" has no SOURCE after "=": pass a docker save archive, an OCI archive or layout folder, or docker://NAME.'],
      ['busybox-local:2=docker://', '--base-image "busybox-local:2=docker://": docker:// needs an image name, such as docker://alpine:3.20.'],
      ['busy box=x.tar', '--base-image "busy box=x.tar": the image reference "busy box" contains a space.'],
    ];
    for (const [value, message] of cases) {
      const result = await run('explain', `--base-image=${value}`, path);
      assert.equal(result.status, 2, value);
      assert.equal(result.stderr, `layer-lens explain: ${message}\nRun "layer-lens explain --help" for usage.\n`, value);
    }
  });

  it('same image twice is a usage error', async () => {
    const result = await run('explain', '--base-image', `busybox-local:2=${fixture}`, '--base-image', 'docker.io/library/busybox-local:2', makeDockerfile());
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^layer-lens explain: --base-image "busybox-local:2=.*" and --base-image "docker\.io\/library\/busybox-local:2" name the same image docker\.io\/library\/busybox-local:2: pass it once\.\n/);
  });

  it('help names the option', async () => {
    const result = await run('explain', '--help');
    assert.equal(result.status, 0);
    assert.match(result.stdout, /\n {2}--base-image REF=SOURCE +read the image that FROM or COPY --from names as REF from SOURCE\n/);
    assert.match(result.stdout, /\n {2}--base-image REF +the same as REF=docker:\/\/REF/);
  });
});

describe('explain --base-image from the engine', () => {
  let engine: EngineSocket;
  let savedHost: string | undefined;
  const requests: string[] = [];

  before(async () => {
    engine = await listenOnSocket(fakeEngine(requests), 'layer-lens-base-engine-');
    savedHost = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${engine.socketPath}`;
  });
  after(async () => {
    if (savedHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedHost;
    await engine.close();
  });
  beforeEach(() => {
    requests.length = 0;
  });
  afterEach(removeContexts);

  it('REF alone reads the engine copy', async () => {
    const { json, stderr } = await explainJson('--base-image', 'busybox-local:2', makeDockerfile());
    assert.equal(stderr, '');
    assert.deepEqual(requests, ['GET /images/busybox-local:2/json', 'GET /images/busybox-local:2/get']);
    assert.deepEqual(json.baseImages, [{ reference: 'busybox-local:2', source: 'docker://busybox-local:2', configDigest: fixtureDigest, platform: 'linux/amd64' }]);
    assert.equal(changeAt(json, 2, '/home/app/app.txt')?.uid, 1000);
    assert.equal(changeAt(json, 3, '/etc/os-release')?.change, 'modified');
  });

  it('engine without the image', async () => {
    const result = await run('explain', '--base-image', 'busybox-local:2=docker://busybox-local:3', makeDockerfile());
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^layer-lens explain: --base-image busybox-local:2=docker:\/\/busybox-local:3 cannot be read: unix:\/\/.*: image busybox-local:3 not found\. List the engine's images with `docker images`\.\n$/);
  });

  it('REF alone says where it looked', async () => {
    const result = await run('explain', '--base-image', 'alpine:3.20', makeDockerfile('FROM alpine:3.20\nCOPY app.txt /\n'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot be read: unix:\/\/.*: image alpine:3\.20 not found\. .* Without =SOURCE, --base-image reads REF from the engine's local images and pulls nothing: pass REF=SOURCE to read an archive or OCI layout instead\.\n$/);
  });
});

/** A fake engine on a unix socket that serves `busybox-local:2` from the fixture. */
function fakeEngine(requests: string[]): Server {
  return createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const name = 'busybox-local:2';
    if (request.url === `/images/${name}/json`) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Id: fixtureDigest }));
    if (request.url === `/images/${name}/get`) {
      response.writeHead(200, { 'Content-Type': 'application/x-tar' });
      return void createReadStream(fixture).pipe(response);
    }
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}
