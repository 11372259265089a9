/** `explain` warns of a `--build-arg` that no ARG of the built stages declares, as `docker build` does. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli, type CliRun } from './capture';

async function explain(dockerfile: string, ...options: string[]): Promise<CliRun> {
  const root = makeContext({ Dockerfile: dockerfile });
  return captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
}

const twoStages = 'ARG BASE=busybox-local:2\nFROM $BASE AS tools\nARG TOOL\nFROM $BASE\nARG APP\nRUN echo "$APP" > /app.txt\n';

describe('explain unused build args', () => {
  after(removeContexts);

  it('one unused name warns', async () => {
    const result = await explain(twoStages, '--build-arg', 'NOPE=1', '--build-arg', 'APP=x');
    assert.equal(result.status, 0);
    assert.equal(result.stderr, 'layer-lens explain: warning: no ARG of the stages built for the target declares NOPE, so --build-arg NOPE changes nothing. Check the name, or add ARG NOPE to the stage that reads it.\n');
  });

  it('several unused names in one line', async () => {
    const result = await explain(twoStages, '--build-arg', 'NOPE=1', '--build-arg', 'OTHER=2', '--json');
    assert.equal(result.status, 0);
    assert.equal(result.stderr, 'layer-lens explain: warning: no ARG of the stages built for the target declares NOPE, OTHER, so these --build-arg options change nothing. Check the names, or add an ARG for each to the stage that reads it.\n');
    assert.doesNotThrow(() => JSON.parse(result.stdout));
  });

  it('only the unused name is listed', async () => {
    // BASE is a global ARG and APP an ARG of the target. The proxy, platform and BuildKit names need no ARG.
    const used = ['BASE=busybox-local:2', 'APP=x', 'HTTP_PROXY=http://proxy:3128', 'TARGETARCH=amd64', 'BUILDKIT_INLINE_CACHE=1'];
    const result = await explain(twoStages, ...used.flatMap((pair) => ['--build-arg', pair]), '--build-arg', 'NOPE=1');
    assert.equal(result.status, 0);
    assert.match(result.stderr, /^layer-lens explain: warning: no ARG of the stages built for the target declares NOPE, so/);
  });

  it('ARG of a skipped stage', async () => {
    // BuildKit skips the unused stage "tools", but the classic builder builds every stage up to the target.
    const buildkit = await explain(twoStages, '--build-arg', 'TOOL=1');
    assert.match(buildkit.stderr, /declares TOOL, so --build-arg TOOL changes nothing/);
    const classic = await explain(twoStages, '--build-arg', 'TOOL=1', '--build-arg', 'NOPE=1', '--builder', 'classic');
    assert.match(classic.stderr, /declares NOPE, so --build-arg NOPE changes nothing/);
  });

  it('platform ARGs under the classic builder', async () => {
    // The classic builder defines no platform ARGs, so TARGETARCH needs an ARG there.
    const result = await explain(twoStages, '--build-arg', 'TARGETARCH=arm64', '--builder', 'classic');
    assert.match(result.stderr, /declares TARGETARCH, so --build-arg TARGETARCH changes nothing/);
  });

  it('name without a value', async () => {
    const result = await explain(twoStages, '--build-arg', 'LAYER_LENS_UNSET_NAME');
    assert.match(result.stderr, /declares LAYER_LENS_UNSET_NAME, so --build-arg LAYER_LENS_UNSET_NAME changes nothing/);
  });
});
