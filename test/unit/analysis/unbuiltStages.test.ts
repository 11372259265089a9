import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis, Problem } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { makeContext, predict, removeContexts } from '../predict/helpers';

/** Returns the problems that lie on `line`. */
function problemsAt(analysis: Analysis, line: number): Problem[] {
  return analysis.problems.filter((problem) => problem.line === line);
}

/** Returns the one problem on `line`, failing the test when there is not exactly one. */
function problemAt(analysis: Analysis, line: number): Problem {
  const found = problemsAt(analysis, line);
  assert.equal(found.length, 1, `problems on line ${line}: ${JSON.stringify(found)}`);
  return found[0];
}

describe('errors in stages the builder does not build', () => {
  after(removeContexts);

  const unusedCopy = 'FROM alpine:3.20 AS unused\nCOPY missing.txt /m.txt\nFROM alpine:3.20 AS final\nCOPY a.txt /a.txt';
  it(unusedCopy.replace(/\n/g, ' | '), async () => {
    for (const builder of ['buildkit', 'buildah'] as BuilderKind[]) {
      const analysis = await predict(unusedCopy, { 'a.txt': 'a' }, { builder });
      const problem = problemAt(analysis, 2);
      assert.equal(problem.severity, 'warning', builder);
      assert.doesNotMatch(problem.message, /build fails/, builder);
      assert.match(problem.message, /does not build stage "unused" for the target stage "final", because the target does not use it\./, builder);
      assert.match(problem.message, /This step would fail only in a build that includes that stage\.$/, builder);
      assert.equal(problem.failsIfBuilt, true, builder);
      assert.equal(analysis.stageChains?.[0].steps[1].failed, undefined, builder);
    }
  });

  it('classic builds the unused stage before the target', async () => {
    const analysis = await predict(unusedCopy, { 'a.txt': 'a' }, { builder: 'classic' });
    const problem = problemAt(analysis, 2);
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /The build fails on this line\.$/);
    assert.equal(problem.failsIfBuilt, undefined);
    assert.equal(analysis.stageChains?.[0].steps[1].failed, true);
  });

  const unusedRun = 'FROM alpine:3.20 AS unused\nRUN false\nFROM alpine:3.20 AS final\nRUN true';
  it(unusedRun.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(unusedRun);
    const problem = problemAt(analysis, 2);
    assert.equal(problem.severity, 'warning');
    assert.match(problem.message, /^This RUN ends with a non-zero exit status because "false" fails\. BuildKit does not build stage "unused"/);
  });

  const claimForms: Array<[string, string, BuilderKind, RegExp]> = [
    ['syntax error', 'FROM alpine:3.20 AS unused\nRUN echo (\nFROM alpine:3.20 AS final\nRUN true', 'buildkit', /^This RUN's script has a syntax error, so \S+ rejects it[^.]*\. /],
    ['missing shell', 'FROM scratch AS unused\nRUN true\nFROM alpine:3.20 AS final\nRUN true', 'buildkit', /^The stage has no \/bin\/sh, so the builder cannot start the shell that runs this RUN\. Copy a shell/],
    ['builder rejection', 'FROM alpine:3.20 AS unused\nCOPY <<EOT /h.txt\nhi\nEOT\nFROM alpine:3.20 AS final\nRUN true', 'buildah', /^Buildah does not support heredocs \(<<EOT\); only BuildKit does\. Choose another builder/],
  ];
  for (const [form, text, builder, start] of claimForms) {
    it(`${form} in an unused stage`, async () => {
      const analysis = await predict(text, {}, { builder });
      const problem = problemAt(analysis, 2);
      assert.equal(problem.severity, 'warning');
      assert.doesNotMatch(problem.message, /build fails/);
      assert.match(problem.message, start);
      assert.match(problem.message, /This step would fail only in a build that includes that stage\.$/);
    });
  }

  const afterTarget = 'FROM alpine:3.20 AS build\nRUN true\nFROM alpine:3.20 AS later\nCOPY missing.txt /m.txt';
  it(`${afterTarget.replace(/\n/g, ' | ')} with classic --target build`, async () => {
    const analysis = await predict(afterTarget, {}, { builder: 'classic', target: 'build' });
    const problem = problemAt(analysis, 4);
    assert.equal(problem.severity, 'warning');
    assert.match(problem.message, /The classic Docker builder does not build stage "later" for the target stage "build", because it stops after the target\./);
  });

  const unknownFlag = 'FROM alpine:3.20 AS unused\nCOPY --bogus=1 a.txt /a.txt\nFROM alpine:3.20 AS final\nRUN true';
  it(unknownFlag.replace(/\n/g, ' | '), async () => {
    // Builders parse every stage before building any, so a parse error fails any build.
    const analysis = await predict(unknownFlag, { 'a.txt': 'a' });
    assert.equal(problemAt(analysis, 2).severity, 'error');
  });

  const unnamed = 'FROM alpine:3.20\nCOPY missing.txt /m.txt\nFROM alpine:3.20\nRUN true';
  it(unnamed.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(unnamed);
    assert.match(problemAt(analysis, 2).message, /does not build stage 0 for the target stage 1,/);
  });
});

describe('failed steps make no layer', () => {
  after(removeContexts);

  const missing = 'FROM alpine:3.20\nCOPY missing.txt /m/\nCOPY a.txt /a.txt';
  it(missing.replace(/\n/g, ' | '), async () => {
    for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
      const analysis = await predict(missing, { 'a.txt': 'a' }, { builder });
      assert.deepEqual(analysis.steps.map((step) => step.failed ?? false), [false, true, false], builder);
      assert.deepEqual(analysis.steps.map((step) => step.emptyLayer), [false, true, false], builder);
    }
  });
});

describe('named build contexts and the builder', () => {
  after(removeContexts);

  const fromWeb = 'FROM alpine:3.20\nCOPY --from=web x.txt /x.txt';

  async function analyzeWithWeb(builder: BuilderKind): Promise<Analysis> {
    const root = makeContext({ Dockerfile: fromWeb });
    const web = makeContext({ 'x.txt': 'hi' });
    return analyze({ dockerfilePath: join(root, 'Dockerfile'), text: fromWeb, builder, namedContexts: { web } });
  }

  it('classic ignores --build-context with a warning', async () => {
    const analysis = await analyzeWithWeb('classic');
    const problem = problemAt(analysis, 1);
    assert.equal(problem.severity, 'warning');
    assert.match(problem.message, /^The classic Docker builder has no named build contexts, so --build-context web=DIR is ignored\./);
    assert.match(problem.message, /reads an image called "web" instead\./);
    assert.equal(analysis.steps[1].certainty, 'unknown');
  });

  it('buildkit reads --build-context silently', async () => {
    const analysis = await analyzeWithWeb('buildkit');
    assert.deepEqual(analysis.problems, []);
    assert.equal(analysis.steps[1].certainty, 'exact');
  });
});
