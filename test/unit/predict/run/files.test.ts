/** RUN file commands: each test name is the Dockerfile, each expectation the exact change list. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

/** Returns the certainty of the step that starts on `line`. */
function certaintyAt(analysis: Analysis, line: number): string {
  return stepAt(analysis, line).certainty;
}

function sizeOf(analysis: Analysis, path: string): number | null | undefined {
  return analysis.stack.lookup(path)?.entry.size;
}

function problemsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line).map((problem) => `${problem.severity}: ${problem.message}`);
}

describe('RUN file commands', () => {
  after(removeContexts);

  it('FROM shell-only\\nRUN mkdir -p /a/b && touch /a/b/c', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir -p /a/b && touch /a/b/c\n');
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/a added directory 0755 0:0', '/a/b added directory 0755 0:0', '/a/b/c added file 0644 0:0']);
    assert.equal(certaintyAt(analysis, 2), 'exact');
  });

  it('FROM shell-only\\nRUN mkdir -m 700 /private', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir -m 700 /private\n');
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/private added directory 0700 0:0']);
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN mkdir /a', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN mkdir /a\n', { a: 'x' });
    assert.deepEqual(changesAt(analysis, 3), []);
    assert.deepEqual(problemsOn(analysis, 3), ['error: This RUN ends with a non-zero exit status because "mkdir /a" fails (mkdir: /a: File exists), so the build fails on this line.']);
  });

  it('FROM shell-only\\nRUN echo hi > /x && echo more >> /x', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo hi > /x && echo more >> /x\n');
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
    assert.equal(sizeOf(analysis, '/x'), 'hi\nmore\n'.length);
    assert.equal(certaintyAt(analysis, 2), 'exact');
  });

  it('COPY f /f\\nRUN mkdir -p /f/x', async () => {
    const analysis = await predict('FROM shell-only\nCOPY f /f\nRUN mkdir -p /f/x\n', { f: '1' });
    assert.deepEqual(problemsOn(analysis, 3), ['error: This RUN ends with a non-zero exit status because "mkdir -p /f/x" fails, so the build fails on this line.']);
  });

  it('ENV B=abcdefghijkl\\nRUN echo ${#B} > /x', async () => {
    const analysis = await predict('FROM shell-only\nENV B=abcdefghijkl\nRUN echo ${#B} > /x\n');
    assert.equal(sizeOf(analysis, '/x'), '12\n'.length);
    assert.equal(certaintyAt(analysis, 3), 'exact');
  });

  it('FROM shell-only\\nRUN printf \'%s-%s\\n\' a b c > /p', async () => {
    const analysis = await predict("FROM shell-only\nRUN printf '%s-%s\\n' a b c > /p\n");
    assert.equal(sizeOf(analysis, '/p'), 'a-b\nc-\n'.length);
  });

  it('FROM shell-only\\nRUN cat <<EOF > /f (heredoc with a variable)', async () => {
    const analysis = await predict('FROM shell-only\nENV NAME=world\nRUN cat <<EOF > /f\nhello $NAME\nEOF\n');
    assert.deepEqual(changesAt(analysis, 3), ['/f added file']);
    assert.equal(sizeOf(analysis, '/f'), 'hello world\n'.length);
  });

  it('RUN cat of an empty heredoc', async () => {
    // dash, bash and BusyBox sh all write 0 bytes here: the body has no line.
    const analysis = await predict('FROM shell-only\nRUN cat <<EOF > /e\nEOF\nRUN cat <<\'EOF\' > /q\nEOF\n');
    assert.equal(sizeOf(analysis, '/e'), 0);
    assert.equal(sizeOf(analysis, '/q'), 0);
  });

  it('FROM shell-only\\nRUN echo a | tee /t /u > /dev/null', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo a | tee /t /u > /dev/null\n');
    assert.deepEqual(changesAt(analysis, 2), ['/t added file', '/u added file']);
    assert.equal(sizeOf(analysis, '/u'), 2);
  });

  it('FROM shell-only\\nCOPY d/ /d/\\nRUN rm -rf /d && mkdir /d && echo new > /d/a', async () => {
    const analysis = await predict('FROM shell-only\nCOPY d/ /d/\nRUN rm -rf /d && mkdir /d && echo new > /d/a\n', { 'd/a': '1', 'd/b': '22' });
    assert.deepEqual(changesAt(analysis, 3), ['/d modified directory', '/d/a modified file']);
    assert.equal(analysis.stack.layers[2].layer.entries[0].op === 'write' && analysis.stack.layers[2].layer.entries[0].opaque, true);
    assert.equal(analysis.stack.lookup('/d/b'), undefined);
  });

  it('FROM shell-only\\nCOPY d/ /d/\\nRUN rm /d/a', async () => {
    const analysis = await predict('FROM shell-only\nCOPY d/ /d/\nRUN rm /d/a\n', { 'd/a': '1', 'd/b': '22' });
    assert.deepEqual(changesAt(analysis, 3), ['/d/a deleted']);
    assert.deepEqual(problemsOn(analysis, 3), [
      'info: This RUN deletes /d/a, written by line 2 (COPY). The image still holds those bytes (1 B) in that earlier layer; leave them out of the COPY (a narrower source or a .dockerignore line) instead.',
    ]);
  });

  describe('waste hints name what the RUN deletes', () => {
    it('a folder, not its files', async () => {
      const analysis = await predict('FROM shell-only\nCOPY d/ /d/\nRUN rm -rf /d\n', { 'd/a': '1', 'd/b': '22' });
      assert.match(problemsOn(analysis, 3)[0], /^info: This RUN deletes \/d, written by line 2 \(COPY\)\. The image still holds those bytes \(3 B\)/);
    });

    it('a folder that a file replaces', async () => {
      // No whiteout here: the file at /d hides the folder's files, whose bytes stay in line 2's layer.
      const analysis = await predict('FROM shell-only\nCOPY d/ /d/\nRUN rm -rf /d && echo new > /d\n', { 'd/a': '1', 'd/b': '22' });
      assert.deepEqual(changesAt(analysis, 3), ['/d modified file']);
      assert.match(problemsOn(analysis, 3)[0], /^info: This RUN deletes \/d, written by line 2 \(COPY\)\. The image still holds those bytes \(3 B\)/);
    });

    it('a file a RUN between reads is to be mounted, not left out', async () => {
      const text = 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nRUN rm /app/requirements.txt\n';
      const analysis = await predict(text, { 'requirements.txt': 'flask\n' });
      const hint = problemsOn(analysis, 5)[0];
      assert.match(hint, /; mount it for the RUN on line 4, which reads it, instead of copying it \(under BuildKit: RUN --mount=type=bind,source=requirements\.txt,target=\/app\/requirements\.txt\)\.$/);
      assert.doesNotMatch(hint, /leave them out of the COPY/);
    });

    it('temporary files, not a cache', async () => {
      const analysis = await predict('FROM alpine:3.20\nRUN mkdir -p /tmp/build && echo data > /tmp/build/a\nRUN rm -rf /tmp/build\n');
      assert.match(problemsOn(analysis, 3)[0], /This RUN deletes the temporary files \/tmp\/build, written by line 2 \(RUN\)\./);
    });
  });

  it('FROM shell-only\\nCOPY d/ /d/\\nRUN rm -f /d/* /missing', async () => {
    const analysis = await predict('FROM shell-only\nCOPY d/ /d/\nRUN rm -f /d/* /missing\n', { 'd/a': '1', 'd/b': '22', 'd/.hidden': '3' });
    assert.deepEqual(changesAt(analysis, 3), ['/d/a deleted', '/d/b deleted']);
    assert.equal(certaintyAt(analysis, 3), 'exact');
  });

  it('FROM shell-only\\nCOPY d/ /d/\\nRUN rm /d', async () => {
    const analysis = await predict('FROM shell-only\nCOPY d/ /d/\nRUN rm /d\n', { 'd/a': '1' });
    assert.deepEqual(changesAt(analysis, 3), []);
    assert.equal(problemsOn(analysis, 3)[0], 'error: This RUN ends with a non-zero exit status because "rm /d" fails (rm: /d: Is a directory), so the build fails on this line.');
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN ln -s /a /s && ln /a /h', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN ln -s /a /s && ln /a /h\n', { a: 'abc' });
    // Of two names of one file, the first in walk order contains the bytes and the other links to it.
    assert.deepEqual(changesAt(analysis, 3), ['/a modified file', '/h added hardlink', '/s added symlink']);
    assert.equal(analysis.stack.lookup('/h')?.entry.linkTarget, '/a');
    assert.equal(analysis.stack.lookup('/s')?.entry.linkTarget, '/a');
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN chmod 600 /a && chown 1000:50 /a', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN chmod 600 /a && chown 1000:50 /a\n', { a: 'abc' });
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/a modified file 0600 1000:50']);
    assert.equal(sizeOf(analysis, '/a'), 3);
    assert.deepEqual(problemsOn(analysis, 3), [
      'info: This RUN changes only the mode and owner of /a (mode 0644 → 0600, owner 0:0 → 1000:50), yet the layer stores the whole file again (3 B). Set them where the file is added (COPY --chmod and --chown, or the RUN that creates it).',
    ]);
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN chmod u+x,g-r /a', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN chmod u+x,g-r /a\n', { a: { content: 'x', mode: 0o644 } });
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/a modified file 0704 0:0']);
  });

  it('FROM shell-only\\nCOPY d/ /d/\\nRUN cp -r /d /e && mv /d/a /d/c', async () => {
    const analysis = await predict('FROM shell-only\nCOPY d/ /d/\nRUN cp -r /d /e && mv /d/a /d/c\n', { 'd/a': '1', 'd/b': '22' });
    assert.deepEqual(changesAt(analysis, 3), ['/d/a deleted', '/d/c added file', '/e added directory', '/e/a added file', '/e/b added file']);
    assert.equal(sizeOf(analysis, '/e/b'), 2);
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN install -D -m 750 /a /opt/bin/a', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN install -D -m 750 /a /opt/bin/a\n', { a: 'abc' });
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/opt added directory 0755 0:0', '/opt/bin added directory 0755 0:0', '/opt/bin/a added file 0750 0:0']);
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN touch /a /b', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN touch /a /b\n', { a: 'abc' });
    assert.deepEqual(changesAt(analysis, 3), ['/a modified file', '/b added file']);
    assert.equal(sizeOf(analysis, '/a'), 3);
  });

  it('FROM shell-only\\nUSER 1000:1000\\nRUN touch /owned', async () => {
    const analysis = await predict('FROM shell-only\nUSER 1000:1000\nRUN touch /owned\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/owned added file 0644 1000:1000']);
  });
});
