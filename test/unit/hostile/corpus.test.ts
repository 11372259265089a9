/**
 * Runs every input of the hostile corpus through the real CLI (`main`) and checks its outcome.
 * Each run must give the expected exit status and a message that names the input. It must leave
 * stdout empty after a failure and keep raw control characters out of text reports. Time and
 * memory stay bounded, and nothing is written to disk.
 */
import { strict as assert } from 'node:assert';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { captureCli, type CliRun } from '../cli/capture';
import { main } from '../../../src/cli/main';
import { generateCorpus } from '../../fixtures/hostile/generate';

interface HostileCase {
  name: string;
  /** CLI arguments; `{root}` stands for the corpus folder. */
  argv: string[];
  status: number;
  output: 'stdout' | 'stderr';
  /** A fragment the output must contain. */
  message: string;
  /** The bound on the run; a slower run fails as a hang. */
  seconds: number;
}

const fixtures = join(__dirname, '../../fixtures/hostile');
const cases = JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8')) as HostileCase[];

/** Memory a single run may add; generous, but far below what inflating a bomb would take. */
const MAX_RSS_GROWTH = 1024 * 1024 * 1024;

/** Lists every path below `root` with its type, size and modification time, without opening files. */
function snapshot(root: string): string[] {
  const lines: string[] = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stats = lstatSync(path);
      lines.push(`${path} ${stats.mode.toString(8)} ${stats.size} ${stats.mtimeMs}`);
      if (stats.isDirectory()) visit(path);
    }
  };
  visit(root);
  return lines;
}

function runCli(argv: string[]): Promise<CliRun> {
  return captureCli(main, argv);
}

describe('hostile corpus', function () {
  let root: string;
  let home: string;
  const saved = { HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };

  before(async function () {
    this.timeout(120_000);
    root = mkdtempSync(join(tmpdir(), 'layer-lens-hostile-'));
    await generateCorpus(root);
    // The CLI runs in this process, so HOME and TMPDIR point at an empty folder that must stay empty.
    home = mkdtempSync(join(tmpdir(), 'layer-lens-hostile-home-'));
    process.env.HOME = home;
    process.env.TMPDIR = home;
  });

  after(() => {
    // Assigning undefined to process.env would store the string "undefined".
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('every input has an expected outcome', async function () {
    this.timeout(120_000);
    const scratch = mkdtempSync(join(tmpdir(), 'layer-lens-hostile-names-'));
    try {
      const generated = await generateCorpus(scratch);
      assert.deepEqual(cases.map((item) => item.name).sort(), generated.sort());
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('README lists every input', () => {
    const readme = readFileSync(join(fixtures, 'README.md'), 'utf8');
    const missing = cases.filter((item) => !readme.includes(`| \`${item.name}\``)).map((item) => item.name);
    assert.deepEqual(missing, []);
  });

  for (const item of cases) {
    it(item.name, async function () {
      this.timeout(item.seconds * 1000);
      const argv = item.argv.map((arg) => arg.replace('{root}', root));
      const before = snapshot(root);
      const rssBefore = process.memoryUsage().rss;

      const result = await runCli(argv);

      const rssGrowth = process.memoryUsage().rss - rssBefore;
      const output = item.output === 'stdout' ? result.stdout : result.stderr;
      assert.equal(result.status, item.status, `status ${result.status}; stderr: ${result.stderr.slice(0, 500)}`);
      assert.ok(output.includes(item.message), `${item.output} lacks ${JSON.stringify(item.message)}:\n${output.slice(-2000)}`);
      if (item.status !== 0) assert.equal(result.stdout, '');
      if (!argv.includes('--json')) {
        assert.ok(output.includes(basename(item.name)), `the output does not name ${item.name}`);
        // Tabs and newlines are the only control characters a text report may hold.
        assert.doesNotMatch(result.stdout + result.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      assert.ok(rssGrowth < MAX_RSS_GROWTH, `resident memory grew by ${rssGrowth} bytes`);
      assert.deepEqual(snapshot(root), before);
      assert.deepEqual(readdirSync(home), []);
    });
  }
});
