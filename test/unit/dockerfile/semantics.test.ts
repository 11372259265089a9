import * as assert from 'node:assert/strict';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { changesAt, predict, removeContexts } from '../predict/helpers';

const messages = (text: string, builder?: 'buildkit' | 'classic' | 'buildah') => planBuild(text, { builder }).problems.map((problem) => `${problem.line} ${problem.severity} ${problem.message}`);

describe('parser directives', () => {
  it('# escape=x\\nFROM scratch', () => {
    assert.deepEqual(messages('# escape=x\nFROM scratch\n'), ['1 error "# escape=x" is invalid: the escape character must be \\ or `.']);
  });

  it('FROM scratch\\n# escape=`', () => {
    assert.deepEqual(messages('FROM scratch\n# escape=`\n'), ['2 warning "# escape=`" is a plain comment here: parser directives only count at the very top, before any comment, blank line or instruction.']);
  });

  it('# syntax=docker/dockerfile:1\\n# check=skip=all\\nFROM scratch', () => {
    const text = '# syntax=docker/dockerfile:1\n# check=skip=all\nFROM scratch\n';
    assert.deepEqual(messages(text), []);
  });

  it('# escape=`\\n# escape=\\\\\\nFROM scratch', () => {
    assert.deepEqual(messages('# escape=`\n# escape=\\\nFROM scratch\n'), ['2 error The parser directive "escape" appears twice; BuildKit rejects a repeated directive. Keep one.']);
  });
});

describe('ONBUILD', () => {
  it('ONBUILD COPY . /app', () => {
    const plan = planBuild('FROM scratch\nONBUILD COPY . /app\nonbuild RUN make\n');
    assert.deepEqual(plan.stages[0].onbuild, [{ text: 'COPY . /app', line: 2, endLine: 2 }, { text: 'RUN make', line: 3, endLine: 3 }]);
    assert.deepEqual(plan.problems, []);
  });

  it('ONBUILD ONBUILD RUN x', () => {
    assert.deepEqual(messages('FROM scratch\nONBUILD ONBUILD RUN x\n'), ['2 error ONBUILD cannot trigger ONBUILD; builders reject it.']);
  });

  it('ONBUILD FROM alpine', () => {
    assert.deepEqual(messages('FROM scratch\nONBUILD FROM alpine\n'), ['2 error ONBUILD cannot trigger FROM; builders reject it.']);
  });
});

describe('heredocs by builder', () => {
  it('COPY <<EOF /a (classic)', () => {
    assert.deepEqual(messages('FROM scratch\nCOPY <<EOF /a\nx\nEOF\n', 'classic'), [
      '2 error The classic builder does not support heredocs: it reads line 3 ("x") as an instruction and rejects the whole Dockerfile ("unknown instruction: X"), so no step runs. Use BuildKit, or write the COPY without a heredoc.',
    ]);
  });

  it('COPY <<EOF /a (buildkit)', () => {
    assert.deepEqual(messages('FROM scratch\nCOPY <<EOF /a\nx\nEOF\n'), []);
  });
});

describe('heredoc forms', () => {
  after(removeContexts);

  it('COPY <<one.txt <<two.txt /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY <<one.txt <<two.txt /d/\n1\none.txt\n22\ntwo.txt\n');
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/one.txt added file', '/d/two.txt added file']);
    const sizes = analysis.stack.layers[1].layer.entries.map((entry) => (entry.op === 'write' ? entry.size : null));
    assert.deepEqual(sizes, [0, 2, 3]);
  });

  it('COPY <<-EOF /t.txt', async () => {
    const analysis = await predict('FROM scratch\nCOPY <<-EOF /t.txt\n\t\tindented\n\tEOF\n');
    const entry = analysis.stack.lookup('/t.txt')?.entry;
    assert.equal(entry?.size, 'indented\n'.length);
  });

  it("COPY <<'EOF' /q.txt", async () => {
    const analysis = await predict("FROM scratch\nARG NAME=abc\nCOPY <<'EOF' /q.txt\n$NAME\nEOF\n");
    assert.equal(analysis.stack.lookup('/q.txt')?.entry.size, '$NAME\n'.length);
  });

  it('COPY <<EOF /dir/', async () => {
    const analysis = await predict('FROM scratch\nCOPY <<EOF /dir/\nx\nEOF\n');
    assert.deepEqual(changesAt(analysis, 2), ['/dir added directory', '/dir/EOF added file']);
  });
});
