/** The classic builder reads only the context's .dockerignore, so the Dockerfile's own ignore file gets a warning. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';

const context = path.resolve(__dirname, '../../fixtures/unread-ignore');
const withIgnoreFile = path.join(context, 'docker/api.Dockerfile');

const lead = 'The classic builder ignores docker/api.Dockerfile.dockerignore, because it reads only .dockerignore at the context root.';
const advice = 'Build with BuildKit, or put the patterns in the root .dockerignore.';

/** Analyses `text` as the Dockerfile at `dockerfilePath` in the fixture context. */
function analyzeFixture(text: string, builder: BuilderKind, dockerfilePath = withIgnoreFile): Promise<Analysis> {
  return analyze({ dockerfilePath, contextPath: context, text, builder });
}

/** Lists the problems as `line severity: message`. */
function problemLines(analysis: Analysis): string[] {
  return analysis.problems.map((problem) => `${problem.line} ${problem.severity}: ${problem.message}`);
}

describe('Dockerfile ignore file under classic', () => {
  it('COPY . /app/ copies the excluded secrets', async () => {
    const analysis = await analyzeFixture('FROM alpine:3.20\nCOPY . /app/\n', 'classic');
    assert.ok(analysis.stack.lookup('/app/secrets/token.txt'), 'the classic builder copies the file');
    assert.deepEqual(problemLines(analysis), [
      `2 warning: ${lead} So the paths that file excludes stay in the build context, where this COPY can copy them. ${advice}`,
    ]);
  });

  it('first COPY that reads the context', async () => {
    const text = 'FROM alpine:3.20 AS build\nRUN echo hi > /hi\nFROM alpine:3.20\nADD http://127.0.0.1/a.txt /a.txt\nCOPY --from=build /hi /hi\nCOPY <<EOF /b\nb\nEOF\nADD docker /docker\n';
    const analysis = await analyzeFixture(text, 'classic');
    const warnings = analysis.problems.filter((problem) => problem.message.startsWith(lead));
    assert.deepEqual(warnings.map((problem) => `${problem.line} ${problem.message.includes('this ADD can copy them')}`), ['9 true']);
  });

  it('no COPY of the context warns on line 1', async () => {
    const analysis = await analyzeFixture('FROM alpine:3.20\nRUN echo hi > /hi\n', 'classic');
    assert.deepEqual(problemLines(analysis), [`1 warning: ${lead} So the paths that file excludes stay in the build context. ${advice}`]);
    assert.equal(analysis.problems[0].scope, 'build');
  });

  it('BuildKit reads the ignore file', async () => {
    const analysis = await analyzeFixture('FROM alpine:3.20\nCOPY . /app/\n', 'buildkit');
    assert.equal(analysis.stack.lookup('/app/secrets/token.txt'), undefined);
    assert.deepEqual(problemLines(analysis), []);
  });

  it('Dockerfile without its own ignore file', async () => {
    const analysis = await analyzeFixture('FROM alpine:3.20\nCOPY . /app/\n', 'classic', path.join(context, 'docker/plain.Dockerfile'));
    assert.deepEqual(problemLines(analysis), []);
  });
});
