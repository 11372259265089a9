/** BuildKit and buildah read a source whose `..` leads above the context from the context's top folder. */
import * as assert from 'node:assert/strict';
import { changesAt, predict, removeContexts, stepAt } from './helpers';

describe('COPY of a source above the context', () => {
  after(removeContexts);

  it('COPY ../secret /app/ with a secret in the context', async () => {
    for (const [builder, name] of [['buildkit', 'BuildKit'], ['buildah', 'buildah']] as const) {
      const analysis = await predict('FROM scratch\nCOPY ../secret /app/\n', { secret: 's' }, { builder });
      assert.deepEqual(changesAt(analysis, 2), ['/app added directory', '/app/secret added file'], builder);
      assert.deepEqual(stepAt(analysis, 2).notes, [
        `The ".." in "../secret" cannot leave the build context, so ${name} reads "secret" from the top folder of the build context. The classic builder rejects this path.`,
      ], builder);
      assert.deepEqual(analysis.problems, [], builder);
    }
  });

  it('COPY ../ /all/ reads the whole context', async () => {
    const analysis = await predict('FROM scratch\nCOPY ../ /all/\n', { a: 'a' });
    assert.deepEqual(stepAt(analysis, 2).notes, [
      'The ".." in "../" cannot leave the build context, so BuildKit reads the build context itself. The classic builder rejects this path.',
    ]);
  });

  it('COPY ../secret /app/ without a secret', async () => {
    const analysis = await predict('FROM scratch\nCOPY ../secret /app/\n', { a: 'a' });
    const warnings = analysis.problems.filter((problem) => problem.severity === 'warning').map((problem) => `${problem.line}: ${problem.message}`);
    assert.deepEqual(warnings, [
      '2: The ".." in "../secret" cannot leave the build context, so BuildKit looks for "secret" in the top folder of the build context, not outside it. ' +
        'Move the file into the context, or build with a context folder that contains it.',
    ]);
    assert.equal(analysis.problems.filter((problem) => problem.severity === 'error').length, 1, 'the source is still not found');
  });

  it('COPY sub/../a /a/ stays inside the context', async () => {
    const analysis = await predict('FROM scratch\nCOPY sub/../a /a/\n', { a: 'a', 'sub/b': 'b' });
    assert.deepEqual(stepAt(analysis, 2).notes, []);
    assert.deepEqual(analysis.problems, []);
  });

  it('COPY ../secret /app/ under classic', async () => {
    const analysis = await predict('FROM scratch\nCOPY ../secret /app/\n', { secret: 's' }, { builder: 'classic' });
    assert.deepEqual(stepAt(analysis, 2).notes, []);
    assert.match(analysis.problems[0]?.message ?? '', /^The classic builder rejects "\.\.\/secret"/);
  });
});
