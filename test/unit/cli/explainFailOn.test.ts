/** `explain --fail-on`: the exit status a pipeline step gates on, from the problems' severities. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli, type CliRun } from './capture';

async function explain(dockerfile: string, ...options: string[]): Promise<CliRun> {
  const root = makeContext({ Dockerfile: dockerfile, 'a.txt': 'a\n' });
  return captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
}

const rejected = 'FROM busybox\nRUNN x\nCOPY a.txt /a.txt\n';
// buildah skips a RUN before the first FROM, with a warning.
const warned = 'RUN true\nFROM busybox\nCOPY a.txt /a.txt\n';
// Deleting a file an earlier layer wrote is a waste hint of severity info.
const hinted = 'FROM busybox\nCOPY a.txt /a.txt\nRUN rm /a.txt\n';
const clean = 'FROM busybox\nCOPY a.txt /a.txt\n';

describe('explain --fail-on', () => {
  after(removeContexts);

  it('error fails on an error', async () => {
    const run = await explain(rejected, '--fail-on', 'error');
    assert.equal(run.status, 3);
    assert.equal(run.stderr, 'layer-lens explain: --fail-on error: 1 problem is an error, the first on line 2.\n');
    assert.match(run.stdout, /line 2: error: Unknown instruction "RUNN"/);
  });

  it('error passes a warning', async () => {
    const run = await explain(warned, '--builder', 'buildah', '--fail-on', 'error');
    assert.match(run.stdout, /line 1: warning: RUN comes before the first FROM/);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('warning fails on a warning', async () => {
    const run = await explain(warned, '--builder', 'buildah', '--fail-on', 'warning');
    assert.equal(run.status, 3);
    assert.equal(run.stderr, 'layer-lens explain: --fail-on warning: 1 problem is a warning or an error, the first on line 1.\n');
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

  it('unknown severity is bad usage', async () => {
    const run = await explain(clean, '--fail-on', 'info');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--fail-on "info" is not one of error, warning\./);
  });
});
