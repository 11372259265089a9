import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { AnalyzeInput } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { builderKinds } from '../../../src/core/dockerfile/builders';
import { makeContext, removeContexts, stepAt } from '../predict/helpers';

const copies = 'FROM alpine:3.20\nCOPY lib/ /srv/lib/\nCOPY main.sh /srv/';

/** Analyses `text` from a real Dockerfile folder, with the options of `input`. */
async function analyzeIn(text: string, input: Partial<AnalyzeInput> = {}): Promise<Analysis> {
  const root = makeContext({ Dockerfile: text });
  return analyze({ dockerfilePath: join(root, 'Dockerfile'), text, ...input });
}

describe('a build context that cannot be read', () => {
  after(removeContexts);

  it('leaves COPY sources unknown under every builder', async () => {
    const contextPath = join(makeContext({}), 'nope');
    for (const builder of builderKinds) {
      const analysis = await analyzeIn(copies, { contextPath, builder });
      assert.deepEqual(analysis.problems.map((problem) => problem.line), [1], builder);
      for (const line of [2, 3]) {
        assert.equal(stepAt(analysis, line).certainty, 'unknown', `${builder} line ${line}`);
        assert.deepEqual(stepAt(analysis, line).notes, ['The copied files are unknown, because the build context could not be read.'], `${builder} line ${line}`);
      }
    }
  });

  it('names the option that chose the folder', async () => {
    const contextPath = join(makeContext({}), 'nope');
    const option = 'layerLens.buildContexts["docker/Dockerfile"].context "nope" in the workspace settings';
    const analysis = await analyzeIn(copies, { contextPath, optionNames: { context: option } });
    assert.equal(analysis.problems.length, 1);
    assert.equal(analysis.problems[0].severity, 'error');
    assert.equal(
      analysis.problems[0].message,
      `${option} names ${contextPath}, which cannot be opened (not found). Choose an existing folder. ` +
        'The files that COPY and ADD read from the build context are unknown until it can be read.',
    );
  });

  it('names a file given as the folder', async () => {
    const contextPath = join(makeContext({ 'file.txt': 'x' }), 'file.txt');
    const analysis = await analyzeIn(copies, { contextPath, optionNames: { context: '--context' } });
    assert.match(analysis.problems[0].message, new RegExp(`^--context names ${contextPath}, which is not a folder\\. Choose an existing folder\\.`));
  });

  it('keeps the walk message without an option', async () => {
    const contextPath = join(makeContext({}), 'nope');
    const analysis = await analyzeIn(copies, { contextPath });
    assert.match(analysis.problems[0].message, new RegExp(`^The build context directory ${contextPath} cannot be opened \\(not found\\)\\.`));
    assert.match(analysis.problems[0].message, /The files that COPY and ADD read from the build context are unknown until it can be read\.$/);
  });
});

describe('a named build context that cannot be read', () => {
  after(removeContexts);

  const fromShared = 'FROM alpine:3.20\nCOPY --from=shared common.txt /srv/common.txt';
  const fails = 'docker buildx build fails before the first step when a named build context cannot be read, so what COPY --from=shared copies is unknown.';

  it('copies unknown files, not an image', async () => {
    for (const builder of ['buildkit', 'buildah'] as const) {
      const shared = join(makeContext({}), 'missing-shared');
      const analysis = await analyzeIn(fromShared, { builder, namedContexts: { shared } });
      const copy = stepAt(analysis, 2);
      assert.equal(copy.certainty, 'unknown', builder);
      assert.deepEqual(copy.notes, ['The copied files are unknown, because the build context "shared" could not be read.'], builder);
      assert.deepEqual(analysis.problems.map((problem) => problem.line), [1], builder);
    }
  });

  it('names the --build-context flag by default', async () => {
    const shared = join(makeContext({}), 'missing-shared');
    const analysis = await analyzeIn(fromShared, { namedContexts: { shared } });
    assert.equal(analysis.problems[0].severity, 'error');
    assert.equal(analysis.problems[0].message, `--build-context shared=DIR names ${shared}, which cannot be opened (not found). ${fails} Choose an existing folder.`);
  });

  it('names the option that set it', async () => {
    const shared = join(makeContext({}), 'missing-shared');
    const option = 'layerLens.buildContexts["docker/Dockerfile"].namedContexts.shared "missing-shared" in the user settings';
    const analysis = await analyzeIn(fromShared, { namedContexts: { shared }, optionNames: { namedContexts: { shared: option } } });
    assert.equal(analysis.problems[0].message, `${option} names ${shared}, which cannot be opened (not found). ${fails} Choose an existing folder.`);
  });
});

describe('named build contexts under the classic builder', () => {
  after(removeContexts);

  const fromShared = 'FROM alpine:3.20\nCOPY --from=shared common.txt /srv/common.txt';

  it('the warning names the option that set one', async () => {
    const shared = makeContext({ 'common.txt': 'x' });
    const option = 'layerLens.buildContexts["docker/Dockerfile"].namedContexts.shared "shared" in the workspace settings';
    const analysis = await analyzeIn(fromShared, { builder: 'classic', namedContexts: { shared }, optionNames: { namedContexts: { shared: option } } });
    assert.equal(analysis.problems.length, 1);
    assert.equal(analysis.problems[0].severity, 'warning');
    assert.match(analysis.problems[0].message, new RegExp(`^The classic Docker builder has no named build contexts, so ${option.replace(/[.[\]]/g, '\\$&')} is ignored\\. `));
  });
});
