/**
 * Holds every prediction against the layers real builders recorded (`recordings/`), with the
 * builder rules of the builder that made each recording, and prints the agreement table.
 * `npm run conformance:record` re-records them.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyze } from '../../src/core/analysis/analyze';
import { readImage } from '../../src/core/image/readImage';
import type { KnownImage } from '../../src/core/predict/baseImage';
import { listCases, prepareCase, recordingsRoot } from './caseFolders';
import { AgreementTable, compareCase } from './compare';
import type { Recording } from './recording';

const baseArchive = join(__dirname, '..', 'fixtures', 'images', 'busybox-local-2.tar');
const baseReference = 'busybox-local:2';
const builders = ['classic', 'buildah'] as const;

/**
 * Differences that are known and explained in README.md, by `name (builder)`. The test expects
 * them exactly, so it fails both when they grow and when a fix makes them go away (then delete
 * the line here).
 */
const knownDifferences: Record<string, string[][]> = {};

/** Whole-case failures that are known, by `name (builder)`, held exactly like the differences. */
const knownFailures: Record<string, string> = {};

/** Reads the cases' base image: its one layer and the account files `--chown` names need. */
async function readBaseImage(): Promise<KnownImage> {
  const image = await readImage({ kind: 'path', path: baseArchive });
  assert.equal(image.layers.length, 1, 'busybox-local:2 has one layer');
  const member = image.layers[0].member;
  const readText = (path: string) =>
    execFileSync('sh', ['-c', 'tar -xOf "$1" "$2" | tar -xOf - "./$3"', 'sh', baseArchive, member, path.slice(1)], { encoding: 'utf8' });
  return { layer: image.layers[0].layer, textFiles: { '/etc/passwd': readText('/etc/passwd'), '/etc/group': readText('/etc/group') } };
}

describe('conformance with real builders', function () {
  this.timeout(120_000);
  const table = new AgreementTable();
  const prepared: string[] = [];
  let base: KnownImage;

  before(async () => {
    base = await readBaseImage();
  });

  after(() => {
    for (const folder of prepared) rmSync(dirname(folder), { recursive: true, force: true });
    process.stdout.write(`\n${table.render()}\n\n`);
  });

  for (const item of listCases()) {
    for (const builder of builders) {
      const recordingPath = join(recordingsRoot, `${item.name}.${builder}.json`);
      if (!existsSync(recordingPath)) continue;
      it(`${item.name} (${builder})`, async () => {
        const recording = JSON.parse(readFileSync(recordingPath, 'utf8')) as Recording;
        const folder = prepareCase(item);
        prepared.push(folder);
        const dockerfilePath = join(folder, 'Dockerfile');
        const text = readFileSync(dockerfilePath, 'utf8');
        const analysis = await analyze({
          dockerfilePath,
          text,
          target: item.settings.target,
          buildArgs: item.settings.buildArgs,
          builder,
          images: (reference) => (reference === baseReference ? base : undefined),
        });
        const comparison = compareCase(analysis, recording, text);
        table.add(item.name, builder, comparison);
        assert.equal(comparison.failure, knownFailures[`${item.name} (${builder})`]);
        const differing = comparison.steps.filter((step) => step.verdict === 'differ');
        assert.deepEqual(differing.map((step) => [`line ${step.line} ${step.instruction}`, ...step.differences]), knownDifferences[`${item.name} (${builder})`] ?? []);
      });
    }
  }
});
