/**
 * `npm run bench`: generates the inputs, measures Layer Lens and its baselines in the same run,
 * and prints the figures as a Markdown table. Timings never fail the run: a target that is not
 * met is printed as such.
 *
 * Options: --runs N (runs per process figure, median taken; default 3), --fresh (generate the
 * inputs again), --only image|prediction|editing|webview (repeatable), --cli PATH (the bundled
 * CLI to measure, such as one built from an older commit; default: dist/cli.js), --no-umoci
 * (leave out the slowest baseline while iterating).
 */
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureFind, measureJsonWrite, measureLayerFloor, measureTarList, measureUmoci, measureWalkFloor } from './baselines';
import type { EditingFigures } from './editing';
import { contextInput, imageInput } from './inputs';
import { measure, measurementProblem, run, type ProcessFigures } from './measure';
import { formatReport, type Row } from './table';

const ROOT = join(__dirname, '..');
const SECTIONS = ['image', 'prediction', 'editing', 'webview'] as const;
type Section = (typeof SECTIONS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      fresh: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      cli: { type: 'string', default: join(ROOT, 'dist/cli.js') },
      'no-umoci': { type: 'boolean', default: false },
    },
  });
  const cli = resolve(values.cli as string);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs "${values.runs}" is not a whole number of runs, such as 3.`);
  const only = (values.only ?? [...SECTIONS]) as Section[];
  for (const section of only) if (!SECTIONS.includes(section)) throw new Error(`--only "${section}" is not one of ${SECTIONS.join(', ')}.`);
  const problem = measurementProblem();
  if (problem) throw new Error(problem);

  const rows: Row[] = [];
  const processes: Array<{ name: string; figures: ProcessFigures }> = [];
  if (only.includes('image')) await imageSection(cli, runs, { fresh: values.fresh === true, umoci: values['no-umoci'] !== true }, rows, processes);
  if (only.includes('prediction') || only.includes('editing')) {
    const context = await contextInput(values.fresh === true);
    if (only.includes('prediction')) await predictionSection(cli, context.dockerfile, context.context, runs, rows, processes);
    if (only.includes('editing')) await editingSection(context.dockerfile, context.context, context.editableLine, rows);
  }
  if (only.includes('webview')) await webviewSection(rows);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
  process.stdout.write(formatReport(rows, processes, { machine, runs }));
}

async function imageSection(cliPath: string, runs: number, options: { fresh: boolean; umoci: boolean }, rows: Row[], processes: Array<{ name: string; figures: ProcessFigures }>): Promise<void> {
  const image = await imageInput(options.fresh);
  // Read every input once first, so that each measured run finds them in the page cache alike.
  await run('cat', [image.archive, ...image.layers]);
  progress('image --json');
  const cli = await measure('node', [cliPath, 'image', '--json', image.archive], runs);
  progress('tar -tzf');
  const tar = await measureTarList(image.layers, runs);
  progress('the Node floor of image reading');
  const floor = await measureLayerFloor(image.layers, runs);
  if (options.umoci) progress('umoci unpack');
  const umoci = options.umoci ? await measureUmoci(image.archive) : 'left out with --no-umoci';
  processes.push({ name: `layer-lens image --json (${image.entries.toLocaleString('en')} entries, ${mb(image.tarBytes)} MiB of tars)`, figures: cli });
  processes.push({ name: `tar -tzf, ${image.layers.length} layers one after another`, figures: tar });
  processes.push({ name: 'Node floor: inflate, frame and hash the layers, keep nothing (bench/floors/readLayers.ts)', figures: floor });
  if (typeof umoci !== 'string') processes.push({ name: 'umoci unpack (OCI layout)', figures: umoci });

  rows.push({ measure: 'Image reading, wall time', value: seconds(cli.wallMs), baseline: `tar -tzf ${seconds(tar.wallMs)}`, ratio: cli.wallMs / tar.wallMs, target: '≤ 1.0× tar', met: cli.wallMs <= tar.wallMs });
  rows.push({
    measure: 'Image reading vs umoci unpack',
    value: seconds(cli.wallMs),
    baseline: typeof umoci === 'string' ? `not measured: ${umoci}` : `umoci ${seconds(umoci.wallMs)}`,
    ratio: typeof umoci === 'string' ? undefined : cli.wallMs / umoci.wallMs,
    target: '(reference)',
  });
  const rssLimit = 100 * 1024 * 1024 + 300 * image.entries;
  rows.push({ measure: 'Image reading, peak RSS', value: `${mb(cli.peakRss)} MiB`, baseline: `limit ${mb(rssLimit)} MiB`, ratio: cli.peakRss / rssLimit, target: '≤ 100 MiB + 300 B/entry', met: cli.peakRss <= rssLimit });
  rows.push({ measure: 'Image reading floor in Node, peak RSS', value: `${mb(floor.peakRss)} MiB`, baseline: `limit ${mb(rssLimit)} MiB`, ratio: floor.peakRss / rssLimit, target: '(reference)' });
}

async function predictionSection(cliPath: string, dockerfile: string, context: string, runs: number, rows: Row[], processes: Array<{ name: string; figures: ProcessFigures }>): Promise<void> {
  progress('explain --json');
  const cli = await measure('node', [cliPath, 'explain', '--json', dockerfile], runs);
  progress('find');
  const find = await measureFind(context, runs);
  progress('the Node floor of prediction');
  const walk = await measureWalkFloor(context, runs);
  const json = await measureJsonWrite(cliPath, dockerfile, runs);
  processes.push({ name: 'layer-lens explain --json (100,000-file context, 300 lines)', figures: cli });
  processes.push({ name: "find CONTEXT -printf '%s %p\\n'", figures: find });
  processes.push({ name: 'Node floor: start-up and walk only (bench/floors/walkContext.ts)', figures: walk });
  rows.push({ measure: 'Prediction, wall time', value: seconds(cli.wallMs), baseline: `find ${seconds(find.wallMs)}`, ratio: cli.wallMs / find.wallMs, target: '≤ 2× find', met: cli.wallMs <= 2 * find.wallMs });
  rows.push({ measure: 'Prediction floor in Node: start-up and walk', value: seconds(walk.wallMs), baseline: `find ${seconds(find.wallMs)}`, ratio: walk.wallMs / find.wallMs, target: '(reference)' });
  const floor = walk.wallMs + json;
  rows.push({ measure: "Prediction floor in Node: the walk and writing explain's JSON", value: seconds(floor), baseline: `find ${seconds(find.wallMs)}; JSON ${ms(json)}`, ratio: floor / find.wallMs, target: '(reference)' });
}

async function editingSection(dockerfile: string, context: string, line: number, rows: Row[]): Promise<void> {
  progress('editing');
  const output = await capture('npx', ['tsx', join(ROOT, 'bench/editing.ts'), dockerfile, context, String(line)]);
  const figures = JSON.parse(output) as EditingFigures;
  rows.push({ measure: 'First analysis in the editor (walk included)', value: ms(figures.firstAnalysisMs), baseline: '', target: '(reference)' });
  rows.push({
    measure: `Re-analysis after a one-line edit, median of ${figures.edits}`,
    value: ms(figures.reanalysisMedianMs),
    baseline: `p95 ${ms(figures.reanalysisP95Ms)}; ${figures.walks} walk${figures.walks === 1 ? '' : 's'} in all`,
    target: '< 50 ms, no walk',
    met: figures.reanalysisMedianMs < 50 && figures.walks === 1,
  });
  rows.push({ measure: `Hover, p95 of ${figures.hovers}`, value: ms(figures.hoverP95Ms), baseline: `median ${ms(figures.hoverMedianMs)}`, target: '< 5 ms', met: figures.hoverP95Ms < 5 });
  rows.push({
    measure: `First hover after a new analysis, slowest line (${figures.firstHoverLine}), p95 of ${figures.firstHoverAnalyses}`,
    value: ms(figures.firstHoverP95Ms),
    baseline: `median ${ms(figures.firstHoverMedianMs)}, max ${ms(figures.firstHoverMaxMs)}`,
    target: '< 5 ms',
    met: figures.firstHoverP95Ms < 5,
  });
}

/** Runs the webview's browser test, which prints the first paint of 200,000 paths. */
async function webviewSection(rows: Row[]): Promise<void> {
  progress('webview first paint');
  let output: string;
  try {
    output = await capture('npx', ['mocha', '--reporter', 'spec', 'test/unit/panel/browser.test.ts', '-g', 'first paint']);
  } catch (error) {
    rows.push({ measure: 'Webview first paint, 200,000 paths', value: 'not measured', baseline: error instanceof Error ? error.message.split('\n')[0] : String(error), target: '< 300 ms' });
    return;
  }
  const match = /first paint (\d+) ms after the message arrived/.exec(output);
  const paint = match ? Number(match[1]) : undefined;
  rows.push({
    measure: 'Webview first paint, 200,000 paths',
    value: paint === undefined ? 'not printed' : ms(paint),
    baseline: 'test/unit/panel/browser.test.ts',
    target: '< 300 ms',
    met: paint === undefined ? undefined : paint < 300,
  });
}

/** Runs a command from the project folder and returns its standard output. */
function capture(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited with status ${status}: ${(stderr || stdout).trim().slice(-2000)}`))));
  });
}

function progress(what: string): void {
  process.stderr.write(`Measuring ${what} ...\n`);
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
const ms = (milliseconds: number) => `${milliseconds < 10 ? milliseconds.toFixed(2) : milliseconds.toFixed(0)} ms`;
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
