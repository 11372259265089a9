/**
 * Words with two `$NAME` expansions and text after the second (`/t$A$B.txt`). tree-sitter-bash
 * 0.25.1 parses such a word as two nodes, but the shell reads one word: dash 0.5.12, bash 5.2 and
 * BusyBox 1.35 sh all run `A=1; B=2; touch /t$A$B.txt` as `touch /t12.txt`.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { certaintiesAt, changesAt, predict, removeContexts, shellOnlyImage, stepAt } from '../helpers';

/** Predicts `run` as line 3, after `WORKDIR /w`. */
function predictRun(run: string): Promise<Analysis> {
  return predict(`FROM shell-only\nWORKDIR /w\n${run}\n`);
}

function notesAt(analysis: Analysis, line: number): string[] {
  return stepAt(analysis, line).notes;
}

describe('RUN words with two expansions', () => {
  after(removeContexts);

  for (const [run, path] of [['RUN A=1; B=2; touch /t$A$B.txt', '/t12.txt'], ['RUN A=1; B=2; mkdir -p /m$A$B.d', '/m12.d']]) {
    it(run, async () => {
      const analysis = await predictRun(run);

      assert.deepEqual(certaintiesAt(analysis, 3), [`${path} exact`]);
      assert.deepEqual(notesAt(analysis, 3), []);
    });
  }

  it('rm -f /etc/passwd$A$B.bak', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /etc && touch /etc/passwd12.bak /etc/passwd\nRUN A=1; B=2; rm -f /etc/passwd$A$B.bak\n');

    assert.deepEqual(changesAt(analysis, 3), ['/etc/passwd12.bak deleted']);
    assert.deepEqual(notesAt(analysis, 3), []);
  });

  it('nested for loops over /p$d/f$f.js', async () => {
    const analysis = await predictRun('RUN mkdir -p /p1 /p2 && for d in 1 2; do for f in a b; do touch /p$d/f$f.js; done; done');

    assert.deepEqual(changesAt(analysis, 3), ['/p1 added directory', '/p1/fa.js added file', '/p1/fb.js added file', '/p2 added directory', '/p2/fa.js added file', '/p2/fb.js added file']);
    assert.deepEqual(notesAt(analysis, 3), []);
  });

  it('echo hi > /r$A$A.txt', async () => {
    const analysis = await predictRun('RUN A=x; echo hi > /r$A$A.txt');

    assert.deepEqual(certaintiesAt(analysis, 3), ['/rxx.txt exact']);
    assert.equal(analysis.stack.lookup('/rxx.txt')?.entry.size, 'hi\n'.length);
    assert.deepEqual(notesAt(analysis, 3), []);
  });

  it('echo t > dir/t$f.js in a loop', async () => {
    const analysis = await predictRun('RUN mkdir dir && for d in 1 2; do mkdir dir$d; for f in a b; do echo t > dir/t$f.js; echo t > dir$d/t$f.js; done; done');
    const files = changesAt(analysis, 3).filter((change) => change.endsWith('file'));

    assert.deepEqual(files, ['/w/dir/ta.js added file', '/w/dir/tb.js added file', '/w/dir1/ta.js added file', '/w/dir1/tb.js added file', '/w/dir2/ta.js added file', '/w/dir2/tb.js added file']);
    assert.deepEqual(notesAt(analysis, 3), []);
  });

  it('redirect target and words after it', async () => {
    // The words after a redirect's target are arguments of the command.
    const analysis = await predictRun('RUN mkdir dir && for f in a b; do echo t > dir/t$f$f.js x$f$f.y; done');

    assert.equal(analysis.stack.lookup('/w/dir/taa.js')?.entry.size, 't xaa.y\n'.length);
    assert.equal(analysis.stack.lookup('/w/dir/tbb.js')?.entry.size, 't xbb.y\n'.length);
    assert.deepEqual(notesAt(analysis, 3), []);
  });

  it('dd of=node_modules/pkg$d/f$f.js', async () => {
    const analysis = await predictRun('RUN for d in 1; do mkdir -p node_modules/pkg$d; for f in a; do dd if=/dev/zero of=node_modules/pkg$d/f$f.js bs=1 count=3; done; done');

    assert.equal(analysis.stack.lookup('/w/node_modules/pkg1/fa.js')?.entry.size, 3);
  });

  const words: Array<[string, string]> = [
    ['touch /x$A$B', '/x12'],
    ['touch ./$A/$B.c', '/w/1/2.c'],
    ['touch /x${A}$B.c', '/x12.c'],
    ['touch /x$A$B.c$A$B.d', '/x12.c12.d'],
    ['touch /x$A$B-c', '/x12-c'],
    ['X=/x$A$B.c; touch $X', '/x12.c'],
    ['X=/x$A$B.c touch /y$A$B.d', '/y12.d'],
    ['export X=/x$A$B.c; touch $X', '/x12.c'],
    ['for f in /x$A$B.c; do touch $f; done', '/x12.c'],
    ['X=/x$A$B.c Y=/y$A$B.c; touch $X $Y', '/x12.c\n/y12.c'],
    ['touch /x$A\\$B.c', '/x1$B.c'],
  ];
  for (const [script, path] of words) {
    it(`RUN ${script}`, async () => {
      const analysis = await predict(`FROM shell-only\nWORKDIR /w\nRUN mkdir /w/1\nRUN A=1; B=2; ${script}\n`);
      const added = changesAt(analysis, 4).filter((change) => change.endsWith('added file'));

      assert.deepEqual(added, path.split('\n').map((file) => `${file} added file`));
      assert.deepEqual(notesAt(analysis, 4), []);
    });
  }

  it('here-string of a$A$B.c in bash', async () => {
    // dash and BusyBox sh have no here-strings, so the RUN runs in bash.
    const bash = { op: 'write', path: '/bin/bash', type: 'file', size: 1024, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' } as const;
    const base = shellOnlyImage();
    const images = (reference: string) => (reference === 'bash-only' ? { layer: { ...base.layer, entries: [...base.layer.entries, bash] } } : undefined);
    const analysis = await predict('FROM bash-only\nSHELL ["/bin/bash", "-c"]\nRUN A=1; B=2; cat <<< a$A$B.c x$A$B.y > /f 2>/dev/null; cat <<< a$A$B.c > /g\n', {}, { images });

    // cat reads its argument x12.y, which is missing, in place of the here-string.
    assert.equal(analysis.stack.lookup('/f')?.entry.size, 0);
    assert.equal(analysis.stack.lookup('/g')?.entry.size, 'a12.c\n'.length);
  });

  for (const run of ['RUN A=1; B=2; { echo a; } > /f$A$B.c', 'RUN A=1; B=2; for i in 1; do echo a; done > /f$A$B.c']) {
    it(run, async () => {
      // The target is one word, so no word follows the compound command's redirect.
      const analysis = await predict(`FROM shell-only\n${run}\n`);

      assert.deepEqual(changesAt(analysis, 2), ['/f12.c added file']);
      assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), []);
    });
  }

  it('lone $ at the end of a word', async () => {
    // A `$` that no name follows is a literal character.
    const analysis = await predictRun('RUN A=1; touch /x$A$ /y');
    assert.deepEqual(changesAt(analysis, 3), ['/x1$ added file', '/y added file']);
  });
});
