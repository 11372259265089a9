/** `explain` names the builder whose rules it followed, in the text header and in the JSON. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli, type CliRun } from './capture';

async function explain(...options: string[]): Promise<CliRun> {
  const root = makeContext({ Dockerfile: 'FROM busybox-local:2\nCOPY a.txt /a.txt\n', 'a.txt': 'a\n' });
  const result = await captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
  assert.equal(result.status, 0, result.stderr);
  return result;
}

describe('explain builder', () => {
  after(removeContexts);

  it('text header names BuildKit by default', async () => {
    const { stdout } = await explain();
    assert.match(stdout, /^\S+Dockerfile: target stage 0, 2 steps, predicted for BuildKit \(--builder buildkit\)\n/);
  });

  it('text header names the classic builder', async () => {
    const { stdout } = await explain('--builder', 'classic');
    assert.match(stdout, /^\S+Dockerfile: target stage 0, 2 steps, predicted for the classic Docker builder \(--builder classic\)\n/);
  });

  it('text header names buildah', async () => {
    const { stdout } = await explain('--builder', 'buildah');
    assert.match(stdout, /, predicted for buildah \(--builder buildah\)\n/);
  });

  it('json builder field', async () => {
    for (const builder of ['buildkit', 'classic', 'buildah']) {
      const { stdout } = await explain('--json', '--builder', builder);
      const json = JSON.parse(stdout) as ExplainJson;
      assert.equal(json.builder, builder);
      assert.equal(json.schemaVersion, 1);
    }
  });

  it('json builder defaults to buildkit', async () => {
    const { stdout } = await explain('--json');
    assert.equal((JSON.parse(stdout) as ExplainJson).builder, 'buildkit');
  });
});
