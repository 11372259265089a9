/**
 * Holds predictions against what a real builder wrote. Each case under `test/fixtures/cases/` is
 * a Dockerfile with its build context; `expected/NAME.json` lists the non-directory entries that
 * Docker Engine 20.10 (classic builder, overlay2 storage) wrote into each layer.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/core/analysis/analyze';
import type { Analysis } from '../../src/core/analysis/types';

interface ExpectedEntry {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  type: string;
  lowerLayer?: number;
}

interface ExpectedCase {
  case: string;
  status: 'ok' | 'rejected';
  layers: Array<{ createdBy: string; emptyLayer: boolean; entries: ExpectedEntry[] }>;
}

const casesRoot = join(__dirname, '..', 'fixtures', 'cases');
const typeNames: Record<string, string> = { dir: 'directory', file: 'file', symlink: 'symlink', hardlink: 'hardlink' };

/** Copies a case into a temporary folder and runs its `gen.sh`, which needs root for `chown`. */
function prepareCase(name: string): string {
  const scratch = mkdtempSync(join(tmpdir(), 'layer-lens-case-'));
  cpSync(join(casesRoot, name), join(scratch, name), { recursive: true });
  cpSync(join(casesRoot, 'mkblob.py'), join(scratch, 'mkblob.py'));
  const folder = join(scratch, name);
  if (existsSync(join(folder, 'gen.sh'))) execFileSync('sh', ['gen.sh'], { cwd: folder, stdio: 'pipe' });
  return folder;
}

async function analyzeCase(folder: string): Promise<Analysis> {
  const settings = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as { target?: string; buildArgs?: Record<string, string> };
  const dockerfilePath = join(folder, 'Dockerfile');
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), target: settings.target, buildArgs: settings.buildArgs });
}

/** Renders a predicted step's non-directory changes as sorted `path change type` lines. */
function predictedLines(analysis: Analysis, stepIndex: number): string[] {
  return analysis.stack.layers[stepIndex].entries
    .filter((item) => item.entry.op === 'delete' || item.entry.type !== 'directory')
    .map((item) => `${item.entry.path} ${item.change} ${item.entry.op === 'delete' ? '-' : item.entry.type}`)
    .sort();
}

/**
 * Renders recorded entries the same way. A path whose lower version is in the base image reads
 * as added, because the prediction cannot read the base image.
 */
function recordedLines(entries: ExpectedEntry[]): string[] {
  return entries
    .map((entry) => {
      const status = entry.status === 'modified' && entry.lowerLayer === 0 ? 'added' : entry.status;
      return `${entry.path} ${status} ${entry.status === 'deleted' ? '-' : typeNames[entry.type] ?? entry.type}`;
    })
    .sort();
}

const isCopyOrAdd = (createdBy: string) => /#\(nop\) (COPY|ADD) /.test(createdBy);

describe('prediction against real builds', function () {
  this.timeout(60_000);
  const names = readdirSync(casesRoot).filter((name) => existsSync(join(casesRoot, 'expected', `${name}.json`)));
  const folders: string[] = [];

  after(() => {
    for (const folder of folders) rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(casesRoot, 'expected', `${name}.json`), 'utf8')) as ExpectedCase;
    if (expected.status !== 'ok') continue;
    const recorded = expected.layers.filter((layer) => isCopyOrAdd(layer.createdBy));
    if (recorded.length === 0) continue;

    it(`${name}: COPY and ADD layers match`, async () => {
      const folder = prepareCase(name);
      folders.push(folder);
      const analysis = await analyzeCase(folder);
      const steps = analysis.steps.filter((step) => step.instruction === 'COPY' || step.instruction === 'ADD');
      assert.equal(steps.length, recorded.length, 'one recorded layer per COPY or ADD step');
      for (const [position, step] of steps.entries()) {
        // A COPY of what a RUN made cannot be predicted yet, and its certainty marks it.
        if (step.certainty === 'unknown') continue;
        assert.deepEqual(predictedLines(analysis, step.index), recordedLines(recorded[position].entries), `line ${step.line}: ${step.text}`);
      }
    });
  }
});

const isRun = (createdBy: string) => !createdBy.includes('#(nop)');

/** Cases whose RUN steps use only file commands, so their layers can be predicted in full. */
const fileCommandCases = ['13-workdir-nested', '16-rm-rf-recreate', '17-chmod-touch-copyup', '19-links', '21-run-chains', '29-empty-dir'];

/** Counts the recorded lines found among the predicted ones, and the predicted lines recorded. */
function matchCounts(predicted: string[], recorded: string[]): { hits: number; predicted: number; recorded: number } {
  const remaining = [...recorded];
  let hits = 0;
  for (const line of predicted) {
    const index = remaining.indexOf(line);
    if (index < 0) continue;
    remaining.splice(index, 1);
    hits++;
  }
  return { hits, predicted: predicted.length, recorded: recorded.length };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

describe('RUN prediction against real builds', function () {
  this.timeout(60_000);
  const folders: string[] = [];

  after(() => {
    for (const folder of folders) rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  for (const name of fileCommandCases) {
    it(`${name}: RUN layers match`, async () => {
      const expected = JSON.parse(readFileSync(join(casesRoot, 'expected', `${name}.json`), 'utf8')) as ExpectedCase;
      const recorded = expected.layers.filter((layer) => isRun(layer.createdBy));
      const folder = prepareCase(name);
      folders.push(folder);
      const analysis = await analyzeCase(folder);
      const steps = analysis.steps.filter((step) => step.instruction === 'RUN');
      assert.equal(steps.length, recorded.length, 'one recorded layer per RUN step');
      let hits = 0;
      let predictedCount = 0;
      let recordedCount = 0;
      for (const [position, step] of steps.entries()) {
        const predicted = predictedLines(analysis, step.index);
        const actual = recordedLines(recorded[position].entries);
        const counts = matchCounts(predicted, actual);
        hits += counts.hits;
        predictedCount += counts.predicted;
        recordedCount += counts.recorded;
        assert.deepEqual(predicted, actual, `line ${step.line}: ${step.text}`);
      }
      console.log(`      ${name}: recall ${percent(hits, recordedCount)} (${hits}/${recordedCount}), precision ${percent(hits, predictedCount)} (${hits}/${predictedCount})`);
    });
  }
});
