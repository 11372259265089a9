import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { imageReport, type ImageJson } from '../../../src/core/report/imageReport';
import { ensureDockerd, startEngine, type PrivateEngine } from './dockerd';

const run = promisify(execFile);
const root = join(__dirname, '../../..');
const busybox = join(root, 'test/fixtures/images/busybox-local-2.tar');
const imageName = 'layer-lens-engine-test:1';

const dockerfile = [
  'FROM busybox-local:2',
  'ARG FLAVOR=dev',
  'WORKDIR /app',
  'COPY a.txt notes.txt ./',
  'RUN echo $FLAVOR > /app/flavor && rm /app/a.txt',
  'ENV MODE=test',
  'RUN chmod 600 /app/notes.txt',
  'CMD ["sh"]',
  '',
].join('\n');

/**
 * Per history entry: the mapped line and the layer's changes, worked out from the Dockerfile.
 * The classic builder lists every parent directory of a changed path, and chmod copies the whole
 * file up into its layer.
 */
const expectedLayers: Array<[number, string[]]> = [
  [2, []],
  [3, ['added /app directory 0755']],
  [4, ['modified /app directory 0755', 'added /app/a.txt file 6 0644', 'added /app/notes.txt file 18 0644']],
  [5, ['modified /app directory 0755', 'deleted /app/a.txt', 'added /app/flavor file 4 0644']],
  [6, []],
  [7, ['modified /app directory 0755', 'modified /app/notes.txt file 18 0600']],
  [8, []],
];

function describeChanges(report: ImageJson, index: number): string[] {
  return report.layers[index].changes.map((change) => (change.change === 'deleted'
    ? `deleted ${change.path}`
    : `${change.change} ${change.path} ${change.type}${change.type === 'file' ? ` ${change.size}` : ''} ${change.mode}`));
}

function checkReport(report: ImageJson): void {
  assert.equal(report.layers.length, 1 + expectedLayers.length);
  assert.equal(report.layers[0].mapping, 'base');
  assert.equal(report.layers[0].line, 1);
  assert.equal(report.layers[0].changes.length, 62);
  expectedLayers.forEach(([line, changes], offset) => {
    const index = offset + 1;
    assert.equal(report.layers[index].mapping, 'step', `layer ${index}`);
    assert.equal(report.layers[index].line, line, `layer ${index}`);
    assert.deepEqual(describeChanges(report, index), changes, `layer ${index}`);
  });
  // a.txt (6 bytes) is deleted by line 5, and line 7's copy-up shadows notes.txt (18 bytes).
  assert.equal(report.wasted, 24);
  assert.equal(report.ownBytes, 6 + 18 + 4 + 18);
  assert.equal(report.ownWasted, 24);
  assert.deepEqual(report.problems, []);
}

describe('real Docker Engine', function () {
  let engine: PrivateEngine | undefined;
  let context: string;

  before(async function () {
    // Installing docker.io takes minutes on a fresh machine, while starting the engine takes seconds.
    this.timeout(900_000);
    const dockerd = await ensureDockerd();
    // Without root, a missing dockerd cannot be installed, so nothing here can run.
    if (!dockerd) this.skip();
    engine = await startEngine(dockerd);
    await engine.docker(['load', '-i', busybox]);
    context = join(engine.folder, 'context');
    mkdirSync(context);
    writeFileSync(join(context, 'Dockerfile'), dockerfile);
    writeFileSync(join(context, 'a.txt'), 'hello\n');
    writeFileSync(join(context, 'notes.txt'), 'remember milk\n\n\n\n\n');
    await engine.docker(['build', '--network=none', '-t', imageName, context], { DOCKER_BUILDKIT: '0' });
  });

  after(async function () {
    this.timeout(60_000);
    await engine?.stop();
  });

  it('readImage engine source', async function () {
    this.timeout(60_000);
    const image: ImageData = await readImage({ kind: 'engine', name: imageName, endpoint: { socketPath: engine!.socketPath } });
    const inspected = JSON.parse(await engine!.docker(['image', 'inspect', imageName])) as Array<{ RootFS: { Layers: string[] } }>;
    assert.deepEqual(image.layers.map((layer) => layer.diffId), inspected[0].RootFS.Layers);
    assert.equal(image.reference, imageName);
    const link = linkDockerfile(image, dockerfile, { path: 'Dockerfile' });
    assert.equal(link.mapping.builder, 'classic');
    assert.equal(link.mapping.baseEntries, 1);
    assert.deepEqual(link.mapping.stepEntries, [null, 1, 2, 3, 4, 5, 6, 7]);
    checkReport(imageReport(image, link));
    assert.equal(image.steps[4].history.createdBy, '|1 FLAVOR=dev /bin/sh -c echo $FLAVOR > /app/flavor && rm /app/a.txt');
  });

  it('layer-lens image docker://NAME', async function () {
    this.timeout(60_000);
    const cli = [require.resolve('tsx/cli'), join(root, 'src/cli/main.ts'), 'image'];
    const env = { ...process.env, DOCKER_HOST: `unix://${engine!.socketPath}` };
    const { stdout } = await run(process.execPath, [...cli, '--json', '--dockerfile', join(context, 'Dockerfile'), `docker://${imageName}`], { env, maxBuffer: 64 * 1024 * 1024 });
    checkReport(JSON.parse(stdout) as ImageJson);

    const gated = await run(process.execPath, [...cli, '--ci', '--max-wasted-bytes', '23', `docker://${imageName}`], { env }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(gated.code, 3);
    assert.match(gated.stdout, /\n {2}FAIL {2}max-wasted-bytes: wasted bytes 24 > 23\n/);
  });
});
