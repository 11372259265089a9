/** `explain` text of a failing build: no image is made, and the merged tree is still shown. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli } from './capture';

async function explainText(dockerfile: string, ...options: string[]): Promise<string> {
  const root = makeContext({ Dockerfile: dockerfile, 'present.txt': 'present\n' });
  const result = await captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

const failing = 'FROM busybox-local:2\nRUN echo one > /one\nCOPY present.txt /present.txt\nRUN false\nRUN echo never > /never\n';

describe('explain text of a failing build', () => {
  after(removeContexts);

  it('says no image is made', async () => {
    const text = await explainText(failing);
    const sentence = 'The build fails at line 4, so no image is made. The waste and the merged filesystem below are what the other steps would make if the build went on without line 4.';
    assert.ok(text.includes(`\n\n${sentence}\n\nWasted: `), text);
    assert.match(text, /\n\nMerged filesystem \(/);
    // The tree keeps the step the build does not reach, as the JSON's `merged` and the editor's panel do.
    assert.match(text, /\n {2}never {2}6 B, from #4\n/);
    const finished = await explainText('FROM busybox-local:2\nCOPY present.txt /present.txt\n');
    assert.doesNotMatch(finished, /no image is made/);
  });

  it('failing RUN gets no waste hint', async () => {
    // A mode change or a deletion would store bytes in the layer that the failing RUN does not make.
    for (const [command, hint] of [['chmod 600 /present.txt', /changes only the mode/], ['rm /present.txt', /This RUN deletes/]] as const) {
      const text = await explainText(`FROM busybox-local:2\nCOPY present.txt /present.txt\nRUN ${command} && false\n`);
      assert.match(text, /\n {2}line 3: error: This RUN ends with a non-zero exit status because "false" fails/);
      assert.doesNotMatch(text, hint);
      assert.match(text, /\nWasted: none of 8 B written is hidden by a later layer\.\n/);
    }
  });

  it('failing last step', async () => {
    const text = await explainText('FROM busybox-local:2\nCOPY present.txt /present.txt\nRUN false\n');
    assert.match(text, /\nThe build fails at line 3, so no image is made\./);
  });

  it('rejected Dockerfile', async () => {
    const text = await explainText('FROM busybox-local:2\nCOPY present.txt /present.txt\nCOPY --link present.txt /again.txt\n', '--builder', 'classic');
    assert.match(text, /\nThe builder rejects the whole Dockerfile at line 3, so no step runs and no image is made\. The waste and the merged filesystem/);
  });

  it('misspelt instruction read as correction', async () => {
    const text = await explainText('FROM busybox-local:2\nWORKDIRR /app\nCOPY present.txt ./\n');
    assert.match(text, /line 2 +WORKDIRR \/app\n {8}the builder rejects the whole Dockerfile on this step\n {8}Read as WORKDIR, this step would make a layer of 0 B: adds \/app\.\n/);
    assert.match(text, /\nThe builder rejects the whole Dockerfile at line 2, so no step runs and no image is made\. The waste and the merged filesystem below are what the other steps would make if the build went on with line 2 read as WORKDIR\.\n/);
  });

  it('json marks the corrected step', async () => {
    const root = makeContext({ Dockerfile: 'FROM busybox-local:2\nWORKDIRR /app\nCOPY present.txt ./\n', 'present.txt': 'present\n' });
    const result = await captureCli(main, ['explain', '--json', join(root, 'Dockerfile')]);
    const layer = (JSON.parse(result.stdout) as ExplainJson).layers.find((item) => item.line === 2);
    assert.equal(layer?.readAs, 'WORKDIR');
    assert.equal(layer?.failed, true);
    assert.equal(layer?.emptyLayer, false);
    assert.deepEqual(layer?.changes.map((change) => change.path), ['/app']);
  });

  it('failing ENV keeps its values', async () => {
    // The classic builder lacks `${V-w}`, and the prediction of line 4 takes E from line 3 as BuildKit expands it.
    const text = await explainText('FROM busybox-local:2\nARG V\nENV E=${V-w}\nRUN echo "$E" > /e.txt\n', '--builder', 'classic');
    assert.match(text, /\nThe build fails at line 3, so no image is made\. The waste and the merged filesystem below are what the other steps would make if the build went on as if line 3 had not failed\.\n/);
    assert.match(text, /\n {2}e\.txt {2}2 B, from #3\n/);
  });

  it('failing WORKDIR keeps its folder', async () => {
    const text = await explainText('FROM busybox-local:2\nARG V\nWORKDIR /${V-wd}\nCOPY present.txt ./\n', '--builder', 'classic');
    assert.match(text, /if the build went on with the working directory of line 3 but without its layer\.\n/);
    assert.match(text, /\n {2}wd\/ +from #3\n {4}present\.txt {2}8 B, from #3\n/);
  });

  it('misspelt flag read as correction', async () => {
    const text = await explainText('FROM busybox-local:2 AS build\nCOPY present.txt /present.txt\nFROM busybox-local:2\nCOPY --frm=build /present.txt /copied.txt\n');
    assert.match(text, /line 4 +COPY --frm=build \/present\.txt \/copied\.txt\n {8}the builder rejects the whole Dockerfile on this step\n {8}With its flags corrected, this step would make a layer of 8 B: adds \/copied\.txt\.\n/);
    assert.match(text, /if the build went on with the flags of line 4 corrected\.\n/);
  });

  it('rejection reason stated once', async () => {
    const text = await explainText('FROM busybox-local:2\nWORKDIR /app\nRUN echo one > /one\nCPOY present.txt /present.txt\nCMD ["sh"]\n');
    const reason = 'not reached: the builder rejects the whole Dockerfile at step #3 (line 4), so no step runs';
    assert.equal(text.split(reason).length - 1, 1, text);
    assert.match(text, /line 1 +FROM busybox-local:2\n {8}not reached: the builder rejects the whole Dockerfile at step #3/);
    assert.match(text, /line 2 +WORKDIR \/app\n {8}not reached \(see #0\)\n/);
    assert.match(text, /line 3 +RUN echo one > \/one\n {8}not reached \(see #0\)\n/);
    // CPOY is one transposition from COPY, so the prediction reads it as COPY.
    assert.match(text, /line 4 +CPOY present\.txt \/present\.txt\n {8}the builder rejects the whole Dockerfile on this step\n {8}Read as COPY, this step would make a layer of 8 B: adds \/present\.txt\.\n/);
    assert.match(text, /line 5 +CMD \["sh"\]\n {8}not reached \(see #0\)\n/);
  });

  it('rejected first step states the reason', async () => {
    const text = await explainText('FROM --platfrm=linux/amd64 busybox-local:2\nRUN echo one > /one\nRUN echo two > /two\n');
    assert.match(text, /line 1 +FROM --platfrm=linux\/amd64 busybox-local:2\n {8}the builder rejects the whole Dockerfile on this step, so no step runs\n/);
    assert.match(text, /line 2 +RUN echo one > \/one\n {8}not reached \(see #0\)\n/);
    assert.match(text, /line 3 +RUN echo two > \/two\n {8}not reached \(see #0\)\n/);
    assert.doesNotMatch(text, /not reached: /);
  });

  it('misspelt flag after a misspelt instruction', async () => {
    // Line 2 stops the build first, so line 5 is not reached, yet the tree keeps its corrected layer.
    const dockerfile = 'FROM busybox-local:2 AS build\nWORKDIRR /app\nCOPY present.txt /present.txt\nFROM busybox-local:2\nCOPY --frm=build /present.txt /copied.txt\n';
    const text = await explainText(dockerfile, '--builder', 'classic');
    assert.match(text, /line 5 +COPY --frm=build \/present\.txt \/copied\.txt\n {8}not reached \(see #0\)\n {8}With its flags corrected, this step would make a layer of 8 B: adds \/copied\.txt\.\n/);
    assert.doesNotMatch(text, /would fail too|makes no layer/);
    assert.match(text, /\n {2}copied\.txt {2}8 B, from #1\n/);
  });

  it('misspelt line in a copied stage', async () => {
    const dockerfile = 'FROM busybox-local:2 AS build\nWORKDIRR /app\nCOPY present.txt ./\nFROM busybox-local:2\nCOPY --from=build /app/present.txt /copied.txt\n';
    const text = await explainText(dockerfile);
    assert.match(text, /if the build went on with line 2 read as WORKDIR\.\n/);
    assert.match(text, /\n {2}copied\.txt {2}8 B, from #1\n/);
  });

  it('build stop repeated per step', async () => {
    // A failing step is not a rejection, so each step after it keeps its own reason.
    const text = await explainText(failing);
    assert.match(text, /line 5 +RUN echo never > \/never\n {8}not reached: the build stops at step #3 \(line 4\)\n/);
  });
});
