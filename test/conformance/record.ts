/**
 * Re-records what real builders write for every conformance case:
 *
 *     npm run conformance:record [-- --builder classic|buildah] [--storage overlay|vfs] [CASE...]
 *
 * Starts a private Docker Engine (classic builder) and buildah with data roots in a temporary
 * folder, builds each case, reads the saved image and writes `recordings/NAME.BUILDER.json`.
 * Needs root and Debian's `docker.io` and `buildah` packages. Both builders are stopped and
 * their data removed when it ends, also after a failure or Ctrl-C.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { planBuild, stageChain } from '../../src/core/dockerfile/plan';
import { BuildahBuilder, ClassicBuilder, type Builder } from './builders';
import { listCases, prepareCase, recordingsRoot, type CaseFolder } from './caseFolders';
import { recordImage, type Recording } from './recording';

const fixtureImage = join(__dirname, '..', 'fixtures', 'images', 'busybox-local-2.tar');
const sharedImage = '/work/shared/fixtures/images/busybox-local-2.tar';
/** Storage drivers by builder name; overlay is what most real images are built on. */
const storageNames: Record<string, Record<string, string>> = {
  overlay: { classic: 'overlay2', buildah: 'overlay' },
  vfs: { classic: 'vfs', buildah: 'vfs' },
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { builder: { type: 'string', multiple: true }, storage: { type: 'string', default: 'overlay' } },
  });
  const storage = storageNames[values.storage ?? 'overlay'];
  if (!storage) throw new Error(`--storage ${values.storage} is not supported: use overlay or vfs.`);
  const builderNames = values.builder ?? ['classic', 'buildah'];
  const cases = listCases().filter((item) => positionals.length === 0 || positionals.includes(item.name));
  if (cases.length === 0) throw new Error(`No case is named ${positionals.join(', ')}.`);

  ensureBaseImage();
  const work = mkdtempSync(join(tmpdir(), 'layer-lens-record-'));
  const builders: Builder[] = [];
  const stopAll = async () => {
    for (const builder of builders.splice(0)) await builder.stop();
    rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    for (const name of builderNames) {
      if (name === 'classic') builders.push(await ClassicBuilder.start(join(work, 'docker'), storage.classic, fixtureImage));
      else if (name === 'buildah') builders.push(await BuildahBuilder.start(join(work, 'buildah'), storage.buildah, fixtureImage));
      else throw new Error(`--builder ${name} is not one of classic, buildah.`);
    }
    mkdirSync(recordingsRoot, { recursive: true });
    for (const item of cases) {
      for (const builder of builders) await recordCase(item, builder, work);
    }
  } finally {
    await stopAll();
  }
  return 0;
}

/** Copies the base image archive into the fixtures when a checkout lacks it. */
function ensureBaseImage(): void {
  if (existsSync(fixtureImage)) return;
  if (!existsSync(sharedImage)) throw new Error(`The base image ${fixtureImage} is missing. Add the busybox-local:2 docker-archive there.`);
  mkdirSync(dirname(fixtureImage), { recursive: true });
  copyFileSync(sharedImage, fixtureImage);
}

async function recordCase(item: CaseFolder, builder: Builder, work: string): Promise<void> {
  const folder = prepareCase(item);
  const archive = join(work, `${item.name}.${builder.name}.tar`);
  const started = Date.now();
  try {
    const outcome = await builder.build({ name: item.name, folder, target: item.settings.target, buildArgs: item.settings.buildArgs, archive });
    const recording: Recording = {
      case: item.name, builder: builder.name, tool: builder.tool, storage: builder.storage,
      status: outcome.ok ? 'ok' : 'rejected',
      layers: outcome.ok ? await recordImage(archive, baseLayerCount(folder, item.settings.target)) : [],
    };
    if (!outcome.ok) recording.error = lastLines(outcome.output.split(folder).join('<context>'), 4);
    writeFileSync(join(recordingsRoot, `${item.name}.${builder.name}.json`), JSON.stringify(recording, null, 1) + '\n');
    process.stdout.write(`${item.name} ${builder.name}: ${recording.status} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    rmSync(dirname(folder), { recursive: true, force: true });
    rmSync(archive, { force: true });
  }
}

/** Counts the base layers of the target: 0 for scratch, 1 for the one-layer busybox image. */
function baseLayerCount(folder: string, target: string | undefined): number {
  const plan = planBuild(readFileSync(join(folder, 'Dockerfile'), 'utf8'), { target });
  const root = plan.stages[stageChain(plan)[0]];
  return root.info.baseResolved.toLowerCase() === 'scratch' ? 0 : 1;
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').filter((line) => line.trim() !== '').slice(-count).join('\n');
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`conformance:record: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
