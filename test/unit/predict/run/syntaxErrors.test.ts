/** RUN scripts with a syntax error that every POSIX shell rejects, and scripts only tree-sitter fails on. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { findShellSyntaxError } from '../../../../src/core/predict/run/syntaxCheck';
import { loadShellParser } from '../../../../src/core/predict/run/shellParser';
import { predict, removeContexts, stepAt } from '../helpers';

const lead = "This RUN's script has a syntax error, so sh rejects it and the build fails on this line.";

/** Lists the problems as `line severity: message`. */
function problemsOf(analysis: Analysis): string[] {
  return analysis.problems.map((problem) => `${problem.line} ${problem.severity}: ${problem.message}`);
}

describe('RUN scripts with a syntax error', () => {
  after(removeContexts);

  const errors: Array<[script: string, description: string]> = [
    ['echo "unterminated', 'The opening " is never closed.'],
    ["echo 'unterminated", "The opening ' is never closed."],
    ['echo `date', 'The opening ` is never closed.'],
    ['echo $(date', '"$(" has no matching ")".'],
    ['echo ${HOME', 'The opening "${" is never closed.'],
    ['echo $((1 + 2', 'The opening "$((" is never closed.'],
    ['(cd /tmp && ls', '"(" has no matching ")".'],
    ['{ echo a; echo b;', '"{" has no matching "}".'],
    ['if true; then echo a', '"if" has no matching "fi".'],
    ['for f in a b; do echo $f', '"for" has no matching "done".'],
    ['while true; do echo', '"while" has no matching "done".'],
    ['case a in a) echo;;', '"case" has no matching "esac".'],
    ['echo a )', '")" is unexpected here.'],
    ['echo a; ;', '";" is unexpected here.'],
    ['if true; then echo a; fi fi', '"fi" is unexpected here.'],
    ['echo a &&', 'The script ends after "&&", which needs a command after it.'],
    ['echo a |', 'The script ends after "|", which needs a command after it.'],
    ['echo "a \\\n  b', 'The opening " is never closed.'],
  ];
  for (const [script, description] of errors) {
    it(`RUN ${script.replace(/\n/g, '\\n')}`, async () => {
      const analysis = await predict(`FROM shell-only\nRUN ${script}\nRUN touch /after\n`);
      assert.deepEqual(problemsOf(analysis), [`2 error: ${lead} ${description} Correct the script.`]);
      assert.equal(stepAt(analysis, 2).failed, true);
      const next = 3 + script.split('\n').length - 1;
      assert.equal(stepAt(analysis, next).notReached?.line, 2);
    });
  }

  it('RUN <<EOF with an if on line 2 of the script', async () => {
    const analysis = await predict('FROM shell-only\nRUN <<EOF\necho start\nif true; then\n  echo a\nEOF\n');
    assert.deepEqual(problemsOf(analysis), [`2 error: ${lead} "if" has no matching "fi" (line 2 of the script). Correct the script.`]);
  });

  it('RUN ["sh", "-c", "echo \\"a"]', async () => {
    const analysis = await predict('FROM shell-only\nRUN ["sh", "-c", "echo \\"a"]\n');
    assert.deepEqual(problemsOf(analysis), [`2 error: ${lead} The opening " is never closed. Correct the script.`]);
  });

  it('SHELL ["/bin/bash", "-c"] names bash', async () => {
    const analysis = await predict('FROM shell-only\nCOPY bash /bin/bash\nSHELL ["/bin/bash", "-c"]\nRUN echo "a\n', { bash: '' });
    assert.deepEqual(problemsOf(analysis), [`4 error: This RUN's script has a syntax error, so bash rejects it and the build fails on this line. The opening " is never closed. Correct the script.`]);
  });
});

describe('RUN scripts that only tree-sitter-bash rejects', () => {
  after(removeContexts);

  // tree-sitter-bash 0.25.1 reports an error in each first script, but dash, bash and BusyBox ash
  // run it. Each second script adds an unclosed quote, which all of them reject.
  const pairs: Array<[string, string]> = [
    ['echo a\\', 'echo "a\\'],
    ['cat <> /x', 'cat <> "/x'],
    ['apk# add curl', "apk# add 'curl"],
    ['echo $((1+2*))', 'echo $((1+2*)'],
  ];

  for (const [accepted, rejected] of pairs) {
    it(`sh -c ${JSON.stringify(accepted)}`, async () => {
      const tree = (await loadShellParser()).parse(accepted);
      assert.ok(tree.rootNode.hasError, 'tree-sitter-bash reads the script without an error');
      tree.delete();
      const analysis = await predict(`FROM shell-only\nRUN ${JSON.stringify(['sh', '-c', accepted])}\nRUN ${JSON.stringify(['sh', '-c', rejected])}\n`);
      assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}`), ['3 error']);
      assert.equal(stepAt(analysis, 2).certainty, 'unknown');
      assert.match(stepAt(analysis, 2).notes[0], /could not be parsed/);
    });
  }
});

describe('findShellSyntaxError', () => {
  const valid = [
    'cat <<EOF > /f\n"unbalanced (\n$HOME\nEOF\necho done',
    "cat <<-'EOF'\n\t$( (\n\tEOF",
    'cat <<EOF\nno end',
    'echo a \\\n  b && echo "c \\\n d"',
    'echo \\" \\\' \\( \\) \\{',
    'echo "it\'s" \'say "hi"\' "a\\"b"',
    'case $x in (a|b) echo ab;; *) ;; esac',
    'f() { echo; }; f',
    'x=$(case a in a) echo a;; esac)',
    '{ echo a; } 2>&1 >/dev/null',
    '[[ -n $a && ( $b < c ) ]] && echo',
    '(( i = 1 + (2) ))',
    'arr=(1 2 "3)"); echo ${arr[@]}',
    'diff <(ls /a) <(ls /b)',
    'function g { echo; }; g',
    "echo $'a\\'b'",
    'select x in a b; do break; done',
    'echo a # a comment with a " quote',
    '!',
  ];
  for (const script of valid) {
    it(`accepts ${JSON.stringify(script)}`, () => {
      assert.equal(findShellSyntaxError(script), undefined);
    });
  }

  it('reports the line of an unclosed quote', () => {
    assert.deepEqual(findShellSyntaxError('echo a\necho b\necho "c\nd'), { line: 3, description: 'the opening " is never closed' });
  });

  it('reports an if without fi in a $( )', () => {
    assert.deepEqual(findShellSyntaxError('x=$(if true; then echo)'), { line: 1, description: '")" is unexpected here' });
  });
});
