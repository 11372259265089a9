/** `explain --fail-on`: the exit status a pipeline step gates on, from the problems' severities. */
import * as assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli, type CliRun } from './capture';

async function explain(dockerfile: string, ...options: string[]): Promise<CliRun> {
  const root = makeContext({ Dockerfile: dockerfile, 'a.txt': 'a\n' });
  return captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
}

/** Runs explain on a Dockerfile called `name`, passed as a path relative to the current folder; `typedPath` is that path. */
async function explainNamed(name: string, dockerfile: string, ...options: string[]): Promise<CliRun & { typedPath: string }> {
  const root = makeContext({ [name]: dockerfile, 'a.txt': 'a\n' });
  const typedPath = relative(process.cwd(), join(root, name));
  return { ...(await captureCli(main, ['explain', ...options, typedPath])), typedPath };
}

const image = join(__dirname, '..', '..', 'fixtures', 'images', 'busybox-local-2.tar');

const rejected = 'FROM busybox\nRUNN x\nCOPY a.txt /a.txt\n';
// buildah skips a RUN before the first FROM, with a warning.
const warned = 'RUN true\nFROM busybox\nCOPY a.txt /a.txt\n';
// Deleting a file an earlier layer wrote is a waste hint of severity info.
const hinted = 'FROM busybox\nCOPY a.txt /a.txt\nRUN rm /a.txt\n';
const clean = 'FROM busybox\nCOPY a.txt /a.txt\n';
// The message of `warned`, which the failure line repeats: "buildah" starts no sentence to cut at.
const beforeFrom = 'RUN comes before the first FROM, where only ARG may appear. buildah skips it, but BuildKit and the classic builder reject the whole Dockerfile.';

describe('explain --fail-on', () => {
  after(removeContexts);

  it('error fails on an error', async () => {
    const run = await explainNamed('api.Dockerfile', rejected, '--fail-on', 'error');
    assert.equal(run.status, 3);
    assert.equal(run.stderr, `layer-lens explain: --fail-on error: 1 problem in ${run.typedPath} is an error, on line 2: Unknown instruction "RUNN" (did you mean RUN?).\n`);
    assert.match(run.stdout, /line 2: error: Unknown instruction "RUNN"/);
  });

  it('error passes a warning', async () => {
    const run = await explain(warned, '--builder', 'buildah', '--fail-on', 'error');
    assert.match(run.stdout, /line 1: warning: RUN comes before the first FROM/);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('warning fails on a warning', async () => {
    const run = await explainNamed('Dockerfile', warned, '--builder', 'buildah', '--fail-on', 'warning');
    assert.equal(run.status, 3);
    assert.equal(run.stderr, `layer-lens explain: --fail-on warning: 1 problem in ${run.typedPath} is a warning or an error, on line 1: ${beforeFrom}\n`);
  });

  it('failure line names the Dockerfile', async () => {
    const text = 'FROM busybox\nRUNN x\nCOPY missing.txt /m.txt\n';
    const run = await explainNamed('web.Dockerfile', text, '--fail-on', 'error');
    assert.equal(run.status, 3);
    assert.equal(run.stderr, `layer-lens explain: --fail-on error: 2 problems in ${run.typedPath} are errors, the first on line 2: Unknown instruction "RUNN" (did you mean RUN?).\n`);
  });

  it('warning fails on an unused --build-arg', async () => {
    const run = await explainNamed('Dockerfile', clean, '--build-arg', 'FOO=1', '--fail-on', 'warning');
    assert.equal(run.status, 3);
    assert.equal(run.stderr,
      'layer-lens explain: warning: no ARG of the stages built for the target declares FOO, so --build-arg FOO changes nothing. Check the name, or add ARG FOO to the stage that reads it.\n' +
      `layer-lens explain: --fail-on warning: 1 warning about the options for ${run.typedPath} was printed above.\n`);
  });

  it('warning fails on an ignored --base-image', async () => {
    const run = await explainNamed('Dockerfile', clean, '--base-image', `redis:7=${image}`, '--fail-on', 'warning');
    assert.equal(run.status, 3);
    assert.match(run.stderr, /^layer-lens explain: warning: --base-image redis:7=.*: the build does not read redis:7 \(it reads busybox\), so this option is ignored\.\n/);
    assert.ok(run.stderr.endsWith(`\nlayer-lens explain: --fail-on warning: 1 warning about the options for ${run.typedPath} was printed above.\n`), run.stderr);
  });

  it('warning counts problems and option warnings', async () => {
    const run = await explainNamed('Dockerfile', warned, '--builder', 'buildah', '--build-arg', 'FOO', '--build-arg', 'BAR=2', '--fail-on', 'warning');
    assert.equal(run.status, 3);
    assert.ok(run.stderr.endsWith(`\nlayer-lens explain: --fail-on warning: 1 warning about the options was printed above, and 1 problem in ${run.typedPath} is a warning or an error, on line 1: ${beforeFrom}\n`), run.stderr);
  });

  it('error passes an unused --build-arg', async () => {
    const run = await explain(clean, '--build-arg', 'FOO=1', '--fail-on', 'error');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^layer-lens explain: warning: no ARG of the stages built for the target declares FOO/);
  });

  it('used --build-arg passes warning', async () => {
    const run = await explain('FROM busybox\nARG FOO\nCOPY a.txt /a.txt\n', '--build-arg', 'FOO=1', '--fail-on', 'warning');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('warning passes an info hint', async () => {
    const run = await explain(hinted, '--fail-on', 'warning');
    assert.match(run.stdout, /line 3: info: This RUN deletes \/a\.txt/);
    assert.equal(run.status, 0, run.stderr);
  });

  it('clean Dockerfile passes both', async () => {
    for (const severity of ['error', 'warning']) {
      const run = await explain(clean, '--fail-on', severity, '--json');
      assert.equal(run.status, 0, severity);
      assert.deepEqual(JSON.parse(run.stdout).problems, [], severity);
    }
  });

  it('without the option exits 0', async () => {
    const run = await explain(rejected);
    assert.equal(run.status, 0);
  });

  it('help says option warnings count', async () => {
    const run = await captureCli(main, ['explain', '--help']);
    assert.match(run.stdout, /error, or warning \(warnings and errors, and the warnings about\n +--build-arg and --base-image on standard error\), for a pipeline step\n/);
  });

  it('unknown severity is bad usage', async () => {
    const run = await explain(clean, '--fail-on', 'info');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--fail-on "info" is not one of error, warning\./);
  });
});
