/**
 * Words around a redirect are the command's arguments, wherever the redirect is: dash 0.5.12,
 * bash 5.2 and BusyBox 1.35 sh all run `echo a >f b` as `echo a b` with its output in f. After
 * the redirect of a compound command, all three reject a word as a syntax error.
 */
import * as assert from 'node:assert/strict';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt } from '../helpers';

function sizeOf(analysis: Awaited<ReturnType<typeof predict>>, path: string): number | null | undefined {
  return analysis.stack.lookup(path)?.entry.size;
}

describe('RUN words after a redirect', () => {
  after(removeContexts);

  it('words after an append redirect', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /srv && echo built > /srv/built.txt && echo more >> /srv/built.txt xyz\n');
    // "built\n" and then "more xyz\n".
    assert.equal(sizeOf(analysis, '/srv/built.txt'), 15);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/srv exact', '/srv/built.txt exact']);
  });

  it('words after an output redirect', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo a >/f b c\n');
    assert.equal(sizeOf(analysis, '/f'), 'a b c\n'.length);
  });

  it('redirect before the command name', async () => {
    const analysis = await predict('FROM shell-only\nRUN >/f echo a b\n');
    assert.equal(sizeOf(analysis, '/f'), 'a b\n'.length);
  });

  it('words among several redirects', async () => {
    const analysis = await predict('FROM shell-only\nRUN 2>/dev/null echo x >/f y 2>/g z\n');
    assert.equal(sizeOf(analysis, '/f'), 'x y z\n'.length);
    assert.deepEqual(changesAt(analysis, 2), ['/f added file', '/g added file']);
  });

  it('quoted and expanded words after redirect', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo a >/f "b  c" $HOME\n');
    // shell-only has no /etc/passwd, so runc sets HOME to /.
    assert.equal(sizeOf(analysis, '/f'), 'a b  c /\n'.length);
  });

  it('words after redirect in pipeline', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo a >/f b | cat > /g\n');
    assert.equal(sizeOf(analysis, '/f'), 'a b\n'.length);
    // The output went to /f, so the pipe carried nothing.
    assert.deepEqual(changesAt(analysis, 2), ['/f added file', '/g added file']);
  });

  it('file argument after a heredoc', async () => {
    // `cat` reads its file argument, not the heredoc.
    const analysis = await predict('FROM shell-only\nRUN echo 12345 >/x && cat <<EOF >/f /x\nhi\nEOF\n');
    assert.equal(sizeOf(analysis, '/f'), '12345\n'.length);
  });

  it('missing file after a heredoc', async () => {
    // `cat` fails on the missing file that it reads in place of the heredoc.
    const analysis = await predict('FROM shell-only\nRUN cat <<EOF /missing\nhi\nEOF\n');
    assert.equal(stepAt(analysis, 2).failed, true);
  });

  for (const script of ['{ echo a; } >/f b', '( echo a ) >/f b c', 'if true; then echo a; fi >/f b', 'for i in 1; do echo a; done 2>/dev/null >/f b', 'touch /x && { echo a; } >/f b | cat']) {
    it(`RUN ${script}`, async () => {
      // dash 0.5.12, bash 5.2 and BusyBox 1.35 sh reject the word while parsing, so no command runs and the exit status is 2.
      const analysis = await predict(`FROM shell-only\nRUN ${script}\nRUN touch /after\n`);
      const errors = analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.line}: ${problem.message}`);

      assert.deepEqual(changesAt(analysis, 2), []);
      assert.equal(stepAt(analysis, 2).failed, true);
      assert.equal(stepAt(analysis, 3).notReached?.line, 2);
      assert.deepEqual(errors, [`2: This RUN's script has a syntax error, so sh rejects it and the build fails on this line. A compound command takes no arguments, so the word "b" after its redirect is unexpected. Correct the script.`]);
    });
  }

  it('words after compound redirect, line 2', async () => {
    const analysis = await predict('FROM shell-only\nRUN <<EOF\ntouch /x\n{ echo a; } >/f b\nEOF\n');
    const [error] = analysis.problems.filter((problem) => problem.severity === 'error');

    assert.match(error.message, /the word "b" after its redirect is unexpected \(line 2 of the script\)\. Correct the script\.$/);
  });

  it('words after a redirect in a compound body', async () => {
    // Inside the braces the word belongs to a simple command, which takes it as an argument.
    const analysis = await predict('FROM shell-only\nRUN { echo a >/f b; }\n');
    assert.equal(sizeOf(analysis, '/f'), 'a b\n'.length);
  });
});
