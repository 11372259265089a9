/** The floors that Layer Lens is compared with, measured on the same inputs in the same run. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { inputRoot } from './inputs';
import { measure, measureOnce, run, type ProcessFigures } from './measure';

/** `tar -tzf` over each layer blob, one after another: the cost of just decompressing and listing. */
export function measureTarList(layers: string[], runs: number): Promise<ProcessFigures> {
  return measure('sh', ['-c', 'for blob in "$@"; do tar -tzf "$blob" || exit 1; done > /dev/null', 'sh', ...layers], runs);
}

/** `find CONTEXT -printf '%s %p\n'`: one directory walk with one stat per entry. */
export function measureFind(context: string, runs: number): Promise<ProcessFigures> {
  return measure('find', [context, '-printf', '%s %p\\n'], runs);
}

/** Bundles a floor script of `bench/floors/` for plain `node`, so that tsx adds nothing to what it measures. */
function floorScript(name: string): string {
  const outfile = join(inputRoot, 'floors', `${name}.js`);
  buildSync({ entryPoints: [join(__dirname, 'floors', `${name}.ts`)], bundle: true, platform: 'node', target: 'node20', outfile, logLevel: 'error' });
  return outfile;
}

/** `bench/floors/readLayers.ts`: inflating, framing and hashing the layers in Node, keeping nothing. */
export function measureLayerFloor(layers: string[], runs: number): Promise<ProcessFigures> {
  return measure('node', [floorScript('readLayers'), ...layers], runs);
}

/** `bench/floors/walkContext.ts`: Node's start-up and the walk's system calls, nothing else. */
export function measureWalkFloor(context: string, runs: number): Promise<ProcessFigures> {
  return measure('node', [floorScript('walkContext'), context], runs);
}

/**
 * Returns the median time of `bench/floors/writeJson.ts` over `runs` runs, which writes the JSON
 * that `explain --json` of `dockerfile` prints and times it inside the process.
 */
export async function measureJsonWrite(cliPath: string, dockerfile: string, runs: number): Promise<number> {
  const output = join(inputRoot, 'explain.json');
  const printed = join(inputRoot, 'write-json-ms.txt');
  await run('node', [cliPath, 'explain', '--json', dockerfile], { stdout: output });
  const script = floorScript('writeJson');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await run('node', [script, output], { stdout: printed });
    times.push(Number((await readFile(printed, 'utf8')).trim()));
  }
  await rm(output, { force: true });
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)];
}

/**
 * `umoci unpack` of the image copied to an OCI layout with skopeo: a Go tool that applies every
 * layer to a root filesystem on disk. Returns a reason instead when the tools cannot be had.
 */
export async function measureUmoci(archive: string): Promise<ProcessFigures | string> {
  const missing = await ensureTools(['umoci', 'skopeo']);
  if (missing) return missing;
  const layout = join(inputRoot, 'oci');
  if (!existsSync(join(layout, 'index.json'))) {
    process.stderr.write(`Copying the image to the OCI layout ${layout} with skopeo ...\n`);
    await run('skopeo', ['copy', '--quiet', `docker-archive:${archive}`, `oci:${layout}:bench`]);
  }
  const bundle = join(inputRoot, 'umoci-bundle');
  await rm(bundle, { recursive: true, force: true });
  try {
    return await measureOnce('umoci', ['unpack', '--image', `${layout}:bench`, bundle]);
  } finally {
    await rm(bundle, { recursive: true, force: true });
  }
}

/** Installs missing Debian packages when running as root; returns a reason when they stay missing. */
async function ensureTools(tools: string[]): Promise<string | undefined> {
  const missing = tools.filter((tool) => !onPath(tool));
  if (missing.length === 0) return undefined;
  if (process.getuid?.() !== 0) return `${missing.join(' and ')} missing; install them (apt-get install -y ${missing.join(' ')}) to measure this baseline.`;
  process.stderr.write(`Installing ${missing.join(' ')} with apt-get ...\n`);
  try {
    await run('apt-get', ['install', '-y', ...missing]);
  } catch (error) {
    return `apt-get could not install ${missing.join(' ')}: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}
