/**
 * A quote left open in a word the builders' shell lexer reads. Each fixture under
 * test/fixtures/unclosed-quotes was built for real, and outcomes.json keeps what the builds did:
 * `classic` from Docker Engine 20.10.24 with DOCKER_BUILDKIT=0, `buildah` from buildah 1.28.2
 * (`bud --layers --isolation chroot`), both with the same target and build arguments as the case.
 * `buildkit` could not run here and follows BuildKit's source (dockerfile2llb/convert.go and
 * shell/lex.go). `step`: the build failed at the line after the steps before it ran. `whole`: no
 * step ran. `unbuilt`: the build succeeded because the builder skipped the line's stage. `none`:
 * the build succeeded.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { planBuild } from '../../../src/core/dockerfile/plan';

const root = resolve(__dirname, '../../fixtures/unclosed-quotes');

type Outcome = 'step' | 'whole' | 'unbuilt' | 'none';

interface Case extends Record<BuilderKind, Outcome> {
  line: number;
  /** The fixture folder, when it is not the case's name. */
  dockerfile?: string;
  target?: string;
  buildArgs?: Record<string, string>;
}

const cases = JSON.parse(readFileSync(join(root, 'outcomes.json'), 'utf8')) as Record<string, Case>;

async function analyzeCase(name: string, builder: BuilderKind): Promise<Analysis> {
  const spec = cases[name];
  const dockerfilePath = join(root, spec.dockerfile ?? name, 'Dockerfile');
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), builder, target: spec.target, buildArgs: spec.buildArgs });
}

/** Names the outcome that the analysis predicts for the case's line. */
function predictedOutcome(analysis: Analysis, line: number): Outcome | string {
  const problems = analysis.problems.filter((problem) => problem.line === line && /never closed/.test(problem.message));
  if (problems.length === 0) return 'none';
  if (problems.length > 1) return `${problems.length} problems`;
  const [problem] = problems;
  if (problem.severity === 'warning' && problem.failsIfBuilt) return 'unbuilt';
  if (problem.severity === 'error' && problem.scope === 'dockerfile') return 'whole';
  if (problem.severity === 'error' && problem.scope === undefined) return 'step';
  return `${problem.severity} ${problem.scope ?? ''}`;
}

describe('unclosed quotes', () => {
  for (const [name, spec] of Object.entries(cases)) {
    for (const builder of ['classic', 'buildah', 'buildkit'] as const) {
      it(`${name} under ${builder}`, async () => {
        const analysis = await analyzeCase(name, builder);
        assert.equal(predictedOutcome(analysis, spec.line), spec[builder], JSON.stringify(analysis.problems, null, 2));
      });
    }
  }

  it('message names the quote and the fix', async () => {
    const [error] = (await analyzeCase('trial', 'classic')).problems;
    assert.equal(error.line, 2);
    assert.match(error.message, /^The double quote \(\"\) in `"hello world` is never closed, so builders stop on this ENV/);
    assert.match(error.message, /\("unexpected end of statement while looking for matching double-quote"\)/);
    assert.match(error.message, /Add the closing ", or write \\" for a quote that belongs to the value\./);
  });

  it('single quote message names the single quote', async () => {
    const [error] = (await analyzeCase('workdir-single', 'buildah')).problems;
    assert.match(error.message, /^The single quote \('\) in `'\/app` is never closed/);
    assert.match(error.message, /matching single-quote/);
  });

  it('COPY path with spaces suggests the JSON form', async () => {
    const [error] = (await analyzeCase('copy-spaces', 'classic')).problems;
    assert.match(error.message, /in `"a` is never closed/);
    assert.match(error.message, /COPY splits its arguments at every space, even inside quotes, so write a path with spaces in the JSON form, such as COPY \["my file\.txt", "\/dest\/"\]\./);
  });

  it('open COPY quote is no missing destination', async () => {
    const analysis = await analyzeCase('copy-source', 'buildkit');
    assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.line), [3]);
    assert.doesNotMatch(analysis.problems[0].message, /needs at least one source/);
  });

  it('escape directive in the literal quote fix', () => {
    const plan = planBuild('# escape=`\nFROM busybox-local:2\nENV A="x\n', { builder: 'classic' });
    assert.match(plan.problems[0].message, /write `" for a quote that belongs to the value/);
  });

  it('COPY JSON form with a quote inside', () => {
    const plan = planBuild('FROM busybox-local:2\nCOPY ["a\\"b.txt", "/dst/"]\n', { builder: 'classic' });
    assert.deepEqual(plan.problems, []);
  });
});
