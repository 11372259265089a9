import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runImage } from '../../../src/cli/image';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import type { ImageData } from '../../../src/core/image/types';
import type { WriteEntry } from '../../../src/core/model/layer';
import type { LayerStack } from '../../../src/core/model/stack';
import type { ImageJson, ImageJsonLayer } from '../../../src/core/report/imageReport';
import {
  BUSYBOX_DIFF_ID, buildahRows, dockerOverlayRows, multiPlatformRows, realLayersHistory, type LayerRows,
} from './realBuildersExpected';

const fixtures = join(__dirname, '../../fixtures/images');
const realLayers = join(fixtures, 'real-layers');
const multiPlatform = join(fixtures, 'multi-platform');

interface RealArchive {
  file: string;
  format: ImageData['format'];
  compression: string;
  reference: string;
  rows: LayerRows;
}

const archives: RealArchive[] = [
  { file: 'real-layers.docker-overlay2.tar', format: 'docker-archive', compression: 'none', reference: 'real-layers:docker', rows: dockerOverlayRows },
  { file: 'real-layers.buildah.oci.tar', format: 'oci-archive', compression: 'gzip', reference: 'real-layers:buildah', rows: buildahRows },
  // buildah 1.28 names the image with its fully qualified form in a docker-archive.
  { file: 'real-layers.buildah.docker.tar', format: 'docker-archive', compression: 'none', reference: 'docker.io/library/real-layers:buildah', rows: buildahRows },
  { file: 'real-layers.zstd.oci.tar', format: 'oci-archive', compression: 'zstd', reference: 'real-layers:zstd', rows: buildahRows },
];

/** Renders a stack layer's entries as rows, in path order; see `realBuildersExpected.ts`. */
function rowsOf(stack: LayerStack, index: number): string[] {
  const rows = stack.layers[index].entries.map(({ entry, change }) => {
    const version = entry.op === 'write' ? entry : stack.lookup(entry.path, index - 1)?.entry;
    let row = `${change} ${version?.type ?? '?'} ${version?.size ?? '?'} ${entry.path}`;
    if (entry.op === 'write' && entry.linkTarget !== undefined) row += ` -> ${entry.linkTarget}`;
    if (entry.op === 'write' && entry.opaque) row += ' opaque';
    return { path: entry.path, row };
  });
  return rows.sort((a, b) => (a.path < b.path ? -1 : 1)).map((item) => item.row);
}

/** Renders a JSON layer's changes as rows; a deletion in the JSON has no type or size. */
function jsonRowsOf(layer: ImageJsonLayer): string[] {
  return layer.changes.map((change) => {
    if (change.change === 'deleted') return `deleted ${change.path}`;
    let row = `${change.change} ${change.type} ${change.size} ${change.path}`;
    if (change.linkTarget !== undefined) row += ` -> ${change.linkTarget}`;
    if (change.opaque) row += ' opaque';
    return row;
  }).sort((a, b) => (pathOfRow(a) < pathOfRow(b) ? -1 : 1));
}

function pathOfRow(row: string): string {
  return row.split(' ').find((word) => word.startsWith('/')) ?? '';
}

/** Rewrites expected rows as the JSON shows them, with deletions by path only. */
function asJsonRows(rows: string[]): string[] {
  return rows.map((row) => (row.startsWith('deleted ') ? `deleted ${pathOfRow(row)}` : row));
}

/** Lists the history indexes whose entry has a layer, base image included. */
function layeredEntries(image: ImageData): number[] {
  return image.steps.flatMap((step, index) => (step.layer === null ? [] : [index]));
}

/** Returns the version of `path` visible as of stack layer `asOf`, which must be a write. */
function writeAt(stack: LayerStack, path: string, asOf: number): WriteEntry {
  const entry = stack.lookup(path, asOf)?.entry;
  assert.ok(entry?.op === 'write', `${path} is not written as of layer ${asOf}`);
  return entry;
}

async function runJson(argv: string[]): Promise<{ code: number; report: ImageJson; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runImage(['--json', ...argv], { stdout, stderr });
  return { code, report: JSON.parse(Buffer.concat(out).toString()) as ImageJson, stderr: Buffer.concat(err).toString() };
}

describe('real builders: real-layers', () => {
  const dockerfilePath = join(realLayers, 'Dockerfile');
  const dockerfile = readFileSync(dockerfilePath, 'utf8');

  for (const archive of archives) {
    const path = join(realLayers, archive.file);

    it(`${archive.file} layer changes`, async () => {
      const image = await readImage({ kind: 'path', path });
      const { stack, problems } = stackImage(image);
      assert.equal(image.format, archive.format);
      assert.equal(image.reference, archive.reference);
      assert.equal(image.platform, 'linux/amd64');
      assert.deepEqual(image.layers.map((layer) => layer.compression), Array(5).fill(archive.compression));
      assert.equal(image.layers[0].diffId, BUSYBOX_DIFF_ID);
      assert.deepEqual(image.problems, []);
      assert.deepEqual(problems, []);
      assert.deepEqual(image.steps.map((step) => step.history.emptyLayer), realLayersHistory.emptyLayer);
      assert.deepEqual(layeredEntries(image), [0, ...Object.keys(archive.rows).map(Number)]);
      for (const [index, rows] of Object.entries(archive.rows)) {
        assert.deepEqual(rowsOf(stack, Number(index)), rows, `history entry ${index}`);
      }
    });

    it(`${archive.file} chmod copy-up`, async () => {
      const { stack } = stackImage(await readImage({ kind: 'path', path }));
      const before = writeAt(stack, '/app/secret.txt', 2);
      const after = writeAt(stack, '/app/secret.txt', 3);
      assert.equal(before.mode, 0o644);
      assert.equal(after.mode, 0o600);
      assert.match(before.digest ?? '', /^[0-9a-f]{64}$/);
      assert.equal(after.digest, before.digest);
    });

    it(`${archive.file} merged app`, async () => {
      const { stack } = stackImage(await readImage({ kind: 'path', path }));
      assert.deepEqual(stack.children('/app').map((child) => child.name), ['cache', 'file.txt', 'hard.txt', 'secret.txt', 'soft']);
      assert.deepEqual(stack.children('/app/cache').map((child) => child.name), ['fresh.txt']);
      assert.deepEqual(stack.children('/app/cache', 4).map((child) => child.name), ['a.txt', 'b.txt']);
    });

    it(`${archive.file} history lines`, async () => {
      const image = await readImage({ kind: 'path', path });
      const { mapping } = linkDockerfile(image, dockerfile, { path: dockerfilePath });
      assert.deepEqual(mapping.entries.map((entry) => [entry.role, entry.line]), realLayersHistory.mapping);
      assert.equal(mapping.baseEntries, 1);
      assert.deepEqual(mapping.problems, []);
    });

    it(`${archive.file} json agrees`, async () => {
      const image = await readImage({ kind: 'path', path });
      const { code, report, stderr } = await runJson(['--dockerfile', dockerfilePath, path]);
      assert.equal(code, 0, stderr);
      assert.deepEqual(report.problems, []);
      assert.deepEqual(report.layers.map((layer) => [layer.mapping, layer.line]), realLayersHistory.mapping);
      assert.deepEqual(report.layers.map((layer) => layer.emptyLayer), realLayersHistory.emptyLayer);
      assert.deepEqual(report.layers.filter((layer) => !layer.emptyLayer).map((layer) => layer.digest), image.layers.map((layer) => layer.diffId));
      for (const [index, rows] of Object.entries(archive.rows)) {
        assert.deepEqual(jsonRowsOf(report.layers[Number(index)]), asJsonRows(rows), `history entry ${index}`);
      }
    });
  }

  it('buildah archives share diff IDs', async () => {
    const read = (file: string) => readImage({ kind: 'path', path: join(realLayers, file) });
    const [oci, docker, zstd] = await Promise.all(archives.slice(1).map((archive) => read(archive.file)));
    const diffIds = oci.layers.map((layer) => layer.diffId);
    assert.deepEqual(docker.layers.map((layer) => layer.diffId), diffIds);
    assert.deepEqual(zstd.layers.map((layer) => layer.diffId), diffIds);
    for (const [index, layer] of zstd.layers.entries()) assert.notEqual(layer.blobDigest, oci.layers[index].blobDigest);
  });
});

describe('real builders: multi-platform index', () => {
  const path = join(multiPlatform, 'multi-platform.oci.tar');
  const dockerfilePath = join(multiPlatform, 'Dockerfile');

  for (const [platform, layerRows] of Object.entries(multiPlatformRows)) {
    it(`${platform} layer changes`, async () => {
      const image = await readImage({ kind: 'path', path }, { platform });
      const { stack } = stackImage(image);
      assert.equal(image.format, 'oci-archive');
      assert.equal(image.reference, 'multi:list');
      assert.equal(image.platform, platform);
      assert.deepEqual(image.platforms, ['linux/amd64', 'linux/arm64/v8']);
      assert.deepEqual(image.layers.map((layer) => layer.compression), ['gzip', 'gzip']);
      assert.deepEqual(image.steps.map((step) => step.history.emptyLayer), [true, false, false]);
      assert.deepEqual(layeredEntries(image), Object.keys(layerRows).map(Number));
      for (const [index, rows] of Object.entries(layerRows)) {
        assert.deepEqual(rowsOf(stack, Number(index)), rows, `history entry ${index}`);
      }
    });

    it(`${platform} json agrees`, async () => {
      const { code, report, stderr } = await runJson(['--platform', platform, '--dockerfile', dockerfilePath, path]);
      assert.equal(code, 0, stderr);
      assert.equal(report.image.platform, platform);
      assert.deepEqual(report.problems, []);
      assert.deepEqual(report.layers.map((layer) => [layer.mapping, layer.line]), [['step', 2], ['step', 3], ['step', 4]]);
      for (const [index, rows] of Object.entries(layerRows)) {
        assert.deepEqual(jsonRowsOf(report.layers[Number(index)]), rows, `history entry ${index}`);
      }
    });
  }

  it('platforms share a layer', async () => {
    const amd64 = await readImage({ kind: 'path', path }, { platform: 'linux/amd64' });
    const arm64 = await readImage({ kind: 'path', path }, { platform: 'linux/arm64' });
    assert.equal(arm64.platform, 'linux/arm64/v8');
    assert.equal(amd64.layers[0].blobDigest, arm64.layers[0].blobDigest);
    assert.notEqual(amd64.layers[1].diffId, arm64.layers[1].diffId);
    assert.equal(amd64.config.architecture, 'amd64');
    assert.equal(arm64.config.architecture, 'arm64');
  });
});
