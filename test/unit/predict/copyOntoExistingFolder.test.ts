/**
 * Holds the owners and modes of COPY and ADD destination folders against real builds of
 * `test/fixtures/cases/50-copy-onto-existing-dir`: Docker Engine 20.10 (classic builder, overlay2
 * storage) and buildah 1.28 (vfs storage). `expected/NAME.folders.BUILDER.json` lists the folder
 * entries of each layer with their owners and modes. `implicitParent` marks a folder that existed
 * below with the same owner and mode, so the layer only re-states it.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { knownImageOf } from '../../../src/core/image/knownImage';
import { readImage } from '../../../src/core/image/readImage';
import type { KnownImage } from '../../../src/core/predict/baseImage';

interface RecordedFolder {
  path: string;
  mode: string;
  uid: number;
  gid: number;
  implicitParent?: boolean;
}

interface RecordedLayer {
  createdBy: string;
  emptyLayer: boolean;
  folders: RecordedFolder[];
}

const caseName = '50-copy-onto-existing-dir';
const fixtures = join(__dirname, '..', '..', 'fixtures');
const isCopyOrAdd = (createdBy: string) => /#\(nop\) (COPY|ADD) /.test(createdBy);

/** Renders a folder as `path uid:gid mode`. */
const folderLine = (path: string, uid: number | null, gid: number | null, mode: number | null) =>
  `${path} ${uid}:${gid} ${mode === null ? '?' : mode.toString(8).padStart(4, '0')}`;

function recordedCopyLayers(recording: string): RecordedLayer[] {
  const file = join(fixtures, 'cases', 'expected', `${caseName}.folders.${recording}.json`);
  const layers = (JSON.parse(readFileSync(file, 'utf8')) as { layers: RecordedLayer[] }).layers;
  return layers.filter((layer) => isCopyOrAdd(layer.createdBy));
}

/** Lists the folders a predicted layer writes. */
function writtenFolders(analysis: Analysis, stepIndex: number): string[] {
  const lines: string[] = [];
  for (const { entry } of analysis.stack.layers[stepIndex].entries) {
    if (entry.op === 'write' && entry.type === 'directory') lines.push(folderLine(entry.path, entry.uid, entry.gid, entry.mode));
  }
  return lines.sort();
}

/** Returns the predicted owner and mode of `path` once the step's layer is applied. */
function folderAfter(analysis: Analysis, stepIndex: number, path: string): string {
  const entry = analysis.stack.lookup(path, stepIndex)?.entry;
  if (entry?.op !== 'write') return `${path} missing`;
  return folderLine(path, entry.uid, entry.gid, entry.mode);
}

describe('COPY onto an existing folder', function () {
  this.timeout(60_000);
  let scratch: string;
  let folder: string;
  let busybox: KnownImage;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-existing-folder-'));
    folder = join(scratch, caseName);
    cpSync(join(fixtures, 'cases', caseName), folder, { recursive: true });
    execFileSync('sh', ['gen.sh'], { cwd: folder, stdio: 'pipe' });
    busybox = knownImageOf(await readImage({ kind: 'path', path: join(fixtures, 'images', 'busybox-local-2.tar') }));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  async function analyzeCase(builder: BuilderKind): Promise<Analysis> {
    const dockerfilePath = join(folder, 'Dockerfile');
    const text = readFileSync(dockerfilePath, 'utf8');
    return analyze({ dockerfilePath, text, builder, images: (reference) => (reference === 'busybox-local:2' ? busybox : undefined) });
  }

  for (const [builder, recording] of [['classic', 'docker-overlay2'], ['buildah', 'buildah']] as const) {
    it(`${builder}: folders match the real build`, async () => {
      const analysis = await analyzeCase(builder);
      const recorded = recordedCopyLayers(recording);
      const steps = analysis.steps.filter((step) => step.instruction === 'COPY' || step.instruction === 'ADD');
      assert.equal(steps.length, recorded.length, 'one recorded layer per COPY or ADD step');
      for (const [position, step] of steps.entries()) {
        const layer = recorded[position];
        const where = `line ${step.line}: ${step.text}`;
        const changed = layer.folders.filter((recordedFolder) => !recordedFolder.implicitParent);
        const expectedWrites = changed.map((item) => folderLine(item.path, item.uid, item.gid, parseInt(item.mode, 8))).sort();
        assert.deepEqual(writtenFolders(analysis, step.index), expectedWrites, `${where}: folders written`);
        for (const item of layer.folders) {
          const expected = folderLine(item.path, item.uid, item.gid, parseInt(item.mode, 8));
          assert.equal(folderAfter(analysis, step.index, item.path), expected, `${where}: ${item.path} afterwards`);
        }
        assert.equal(step.certainty, 'exact', `${where}: certainty`);
      }
    });
  }

  it('BuildKit leaves existing destinations out', async () => {
    const analysis = await analyzeCase('buildkit');
    const existing = new Map([[6, '/ctx'], [7, '/ctx-chown'], [8, '/stage'], [9, '/stage-chown'], [13, '/srv/app'], [14, '/srv/app']]);
    for (const [line, destination] of existing) {
      const step = analysis.steps.find((candidate) => candidate.line === line);
      assert.ok(step, `a step starts on line ${line}`);
      const written = analysis.stack.layers[step.index].entries.some(({ entry }) => entry.path === destination);
      assert.equal(written, false, `line ${line} leaves ${destination} as it was`);
      assert.equal(step.certainty, 'exact', `line ${line}: certainty`);
    }
  });
});
