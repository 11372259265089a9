/**
 * Property-based tests of the Dockerfile analysis: whatever the text, planning and analysing
 * never throw, and every problem points at lines that exist.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Problem } from '../../../src/core/analysis/types';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { fuzzParameters, fuzzTimeout } from './settings';

const RUNS = 60;

/** Fragments that Dockerfiles are made of, so that random lines often reach deep into the parser. */
const fragment = fc.constantFrom(
  'FROM', 'FROM scratch', 'FROM alpine AS build', 'FROM build', 'COPY', 'COPY a.txt /', 'COPY --from=build / /out',
  'ADD', 'ADD a.txt /x/', 'RUN', 'RUN echo hi > /f', 'RUN A=$A$A', 'RUN <<EOF', 'EOF', 'WORKDIR', 'WORKDIR ${A:-/w}',
  'ENV A=$A', 'ENV', 'ARG A', 'ARG', 'ONBUILD', 'ONBUILD RUN x', 'SHELL ["sh"]', '# escape=`', '# syntax=x', '\\', '`',
  '${', '$', '[', '["a",', '--chown=', '--from=', '--mount=type=cache', '<<-"E"', '"', "'", '\t', '\r', '\u0000', '\uFEFF',
);
const line = fc.array(fc.oneof(fragment, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 6 }).map((parts) => parts.join(' '));
const dockerfileText = fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end));

/** Lines as the parser counts them: `\r\n`, `\r` and `\n` each end one. */
function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

function checkLines(problems: Problem[], text: string): void {
  const last = lineCount(text);
  for (const problem of problems) {
    const where = `lines ${problem.line}-${problem.endLine} of ${last}: ${problem.message}`;
    assert.ok(Number.isInteger(problem.line), where);
    assert.ok(problem.line >= 1, where);
    assert.ok(problem.endLine >= problem.line, where);
    assert.ok(problem.endLine <= last, where);
    assert.notEqual(problem.message.trim(), '');
  }
}

describe('Dockerfile analysis fuzz', () => {
  let context: string;
  before(() => {
    context = mkdtempSync(join(tmpdir(), 'layer-lens-fuzz-context-'));
    writeFileSync(join(context, 'a.txt'), 'a');
  });
  after(() => rmSync(context, { recursive: true, force: true }));

  it('planBuild problems on real lines', function () {
    this.timeout(fuzzTimeout(RUNS * 4, 1));
    fc.assert(fc.property(dockerfileText, (text) => checkLines(planBuild(text).problems, text)), fuzzParameters(RUNS * 4));
  });

  it('analyze never throws', async function () {
    this.timeout(fuzzTimeout(RUNS, 2));
    await fc.assert(fc.asyncProperty(dockerfileText, async (text) => {
      const analysis = await analyze({ dockerfilePath: join(context, 'Dockerfile'), text, contextPath: context });
      checkLines(analysis.problems, text);
      assert.equal(analysis.stack.layers.length, analysis.steps.length);
    }), fuzzParameters(RUNS));
  });
});
