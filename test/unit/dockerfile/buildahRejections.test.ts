import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { notReachedReason } from '../../../src/core/analysis/notReached';
import { changesAt, predict, removeContexts, stepAt } from '../predict/helpers';
import { lineThree, marks } from './stepMarks';

// Facts from real builds by buildah 1.28.2 (`bud --layers`, vfs, chroot isolation) of
// `FROM busybox-local:2`, `COPY a.txt /a.txt`, the line under test on line 3 and
// `RUN echo after > /after`:
//
// - These fail at their step, after STEP 2 committed its layer ("Error: building at STEP ..."):
//   `COPY --frm=x`, `COPY --link`, `--parents` and `--exclude` ("COPY only supports the
//   --chmod=<permissions> --chown=<uid:gid> and the --from=<image|stage> flags"). So do `RUNN x`
//   ("Unknown instruction: "RUNN""), `ADD --checksum`, `--keep-git-dir` and `--unpack` ("ADD only
//   supports the --chmod=<permissions> and the --chown=<uid:gid> flag"), and `RUN --network=none`
//   and `--security=insecure` ("RUN only supports the --mount flag"). `HEALTHCHECK --bogus=1`,
//   `WORKDIR` without a path, `COPY a.txt`, `ENV` without a name, `ONBUILD` alone,
//   `ONBUILD FROM x` and `COPY <<EOF /h.txt` fail at their step too.
// - `RUN <<EOF` runs `<<EOF` as its command and commits a layer. buildah then reads each body line
//   and the closing line as an instruction, and fails at the first unknown one ("Unknown
//   instruction: "ECHO""), which lies on the heredoc's own lines.
// - These fail before any step: `ENV A=1 B` ("Syntax error - can't find = in "B""),
//   `FROM busybox-local:2 x` and `FROM --bogus=1 busybox-local:2`.
// - These are skipped and the build succeeds: `RUN true` or `RUNN x` before the first FROM, and
//   `RUNN x` or `COPY --frm=x` in a stage the target does not use.
//
// Docker Engine 20.10's classic builder rejects `COPY --frm=x` before any step ("dockerfile parse
// error line 3: Unknown flag: frm"). BuildKit's frontend parses every instruction and its flags
// before it creates the LLB definition, so it rejects both lines before any step as well.

function errorsOf(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.line}: ${problem.message}`);
}

describe('buildah rejections', () => {
  after(removeContexts);

  it('unknown flag fails its step', async () => {
    const analysis = await predict(lineThree('COPY --frm=x a.txt /c.txt'), { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(marks(analysis.steps), ['1', '2', '3F', '4>3']);
    assert.deepEqual(errorsOf(analysis), ['3: COPY has no flag --frm (did you mean --from?). Check its spelling. The prediction reads it as --from. The build fails at this step.']);
  });

  it('unknown instruction fails its step', async () => {
    const analysis = await predict(lineThree('RUNN x'), { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(marks(analysis.steps), ['1', '2', '3F', '4>3']);
    assert.deepEqual(errorsOf(analysis), [
      '3: Unknown instruction "RUNN" (did you mean RUN?). Check its spelling. The prediction reads this line as RUN. The build fails at this step.',
    ]);
  });

  it('misspelt WORKDIR fails its step, read as WORKDIR below', async () => {
    const analysis = await predict(lineThree('WORKDIRR /app').replace('echo after > /after', 'echo after > after'), { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(marks(analysis.steps), ['1', '2', '3F', '4>3']);
    assert.equal(analysis.steps[2].instruction, 'WORKDIRR');
    // buildah creates the WORKDIR folder in the layer of the next RUN.
    const changes = changesAt(analysis, 4);
    assert.ok(changes.includes('/app added directory'), JSON.stringify(changes));
    assert.ok(changes.includes('/app/after added file'), JSON.stringify(changes));
    assert.deepEqual(errorsOf(analysis), [
      '3: Unknown instruction "WORKDIRR" (did you mean WORKDIR?). Check its spelling. The prediction reads this line as WORKDIR. The build fails at this step.',
    ]);
  });

  const atStep = [
    'COPY --link a.txt /l.txt',
    'COPY --parents a.txt /p/',
    'COPY --exclude=*.md a.txt /e/',
    'ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 a.txt /c.txt',
    'ADD --keep-git-dir=true a.txt /k.txt',
    'ADD --unpack=true a.txt /u.txt',
    'RUN --network=none true',
    'RUN --security=insecure true',
    'HEALTHCHECK --bogus=1 CMD true',
    'WORKDIR',
    'COPY a.txt',
    'ENV',
    'ONBUILD',
    'ONBUILD FROM x',
    'COPY <<EOF /h.txt\nhello\nEOF',
  ];
  const beforeAnyStep = ['ENV A=1 B', 'FROM busybox-local:2 x', 'FROM --bogus=1 busybox-local:2'];

  it('each line fails where buildah failed', async () => {
    for (const line of atStep) {
      const analysis = await predict(lineThree(line), { 'a.txt': 'x\n' }, { builder: 'buildah' });
      const last = analysis.steps[analysis.steps.length - 1].line;
      assert.deepEqual(marks(analysis.steps), ['1', '2', '3F', `${last}>3`], line);
      assert.notDeepEqual(errorsOf(analysis), [], line);
    }
    for (const line of beforeAnyStep) {
      const analysis = await predict(lineThree(line), { 'a.txt': 'x\n' }, { builder: 'buildah' });
      // A FROM on line 3 starts the target stage, so lines 1 and 2 are the first stage's.
      const first = analysis.stageChains?.[0].steps ?? [];
      assert.deepEqual(marks(first.filter((step) => step.line < 3)), ['1>3R', '2>3R'], line);
    }
  });

  it('RUN <<EOT commits, then fails on its body', async () => {
    const analysis = await predict(lineThree('RUN <<EOT\necho hi > /h\nEOT'), { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(marks(analysis.steps), ['1', '2', '3', '6>4']);
    const run = stepAt(analysis, 3);
    assert.equal(run.endLine, 3);
    assert.equal(run.text, 'RUN <<EOT');
    assert.equal(run.emptyLayer, false);
    // `sh -c '<<EOT'` reads an empty here-document and does nothing, so /h is never written.
    assert.ok(!changesAt(analysis, 3).some((line) => line.startsWith('/h ')), changesAt(analysis, 3).join('\n'));
    assert.deepEqual(errorsOf(analysis), [
      '4: buildah does not support heredocs (<<EOT): it runs line 3 as "/bin/sh -c <<EOT", whose here-document is empty, and commits that layer. Then it reads this line ("echo hi > /h") as an instruction ("Unknown instruction: ECHO"), so the build fails on this line. Use BuildKit, or write the RUN without a heredoc.',
    ]);
    assert.equal(notReachedReason(analysis, stepAt(analysis, 6), (stage) => String(stage.index)), 'the build stops at line 4, after step #2 (line 3)');
  });

  it('RUN cat <<EOF > /x runs its first line', async () => {
    const analysis = await predict(lineThree('RUN cat <<EOF > /x\nhello\nEOF'), { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(marks(analysis.steps), ['1', '2', '3', '6>4']);
    assert.ok(changesAt(analysis, 3, 'owner').includes('/x added file 0644 0:0'), changesAt(analysis, 3, 'owner').join('\n'));
    assert.match(errorsOf(analysis)[0], /^4: .* it runs line 3 as "\/bin\/sh -c cat <<EOF > \/x", /);
  });

  it('COPY <<EOT fails its own step', async () => {
    const analysis = await predict(lineThree('COPY <<EOT /h.txt\nhello\nEOT'), { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(marks(analysis.steps), ['1', '2', '3F', '6>3']);
    assert.deepEqual(errorsOf(analysis), ['3: The build fails here: buildah does not support heredocs (<<EOT); only BuildKit does. Choose another builder or rewrite the line.']);
  });

  it('unterminated heredoc fails on its first body line', () => {
    const plan = planBuild('FROM busybox-local:2\nRUN <<EOF\necho hi\n', { builder: 'buildah' });
    assert.deepEqual(plan.problems.map((problem) => [problem.line, problem.severity, problem.scope]), [[3, 'error', undefined]]);
    assert.equal(plan.stages[0].steps[1].failsAfter, 3);
  });
});

describe('lines buildah skips', () => {
  after(removeContexts);

  it('RUN before the first FROM', async () => {
    const text = 'RUNN x\nCOPY --frm=x a.txt /b\nFROM busybox-local:2\nCOPY a.txt /a.txt\n';
    const analysis = await predict(text, { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(marks(analysis.steps), ['3', '4']);
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}`), ['1 warning', '2 warning']);
    assert.equal(analysis.problems[0].message, 'RUNN comes before the first FROM, where only ARG may appear. buildah skips it, but BuildKit and the classic builder reject the whole Dockerfile. Move it after a FROM.');
    for (const builder of ['buildkit', 'classic'] as BuilderKind[]) {
      const other = await predict('RUN true\nFROM busybox-local:2\nCOPY a.txt /a.txt\n', { 'a.txt': 'x\n' }, { builder });
      assert.deepEqual(errorsOf(other), ['1: RUN comes before the first FROM, where only ARG may appear. Move it after a FROM.'], builder);
      assert.deepEqual(marks(other.steps), ['2>1R', '3>1R'], builder);
    }
  });

  for (const line of ['RUNN x', 'COPY --frm=x a.txt /b']) {
    it(`${line} in an unused stage`, async () => {
      const analysis = await predict(`FROM busybox-local:2 AS unused\n${line}\nFROM busybox-local:2\nCOPY a.txt /a.txt\n`, { 'a.txt': 'x\n' }, { builder: 'buildah' });
      assert.deepEqual(errorsOf(analysis), []);
      assert.deepEqual(marks(analysis.steps), ['3', '4']);
      const [warning] = analysis.problems;
      assert.equal(warning.line, 2);
      assert.equal(warning.severity, 'warning');
      assert.doesNotMatch(warning.message, /The build fails at this step/);
      assert.match(warning.message, /This step would fail only in a build that includes that stage\.$/);
    });
  }
});

describe('same lines under BuildKit and classic', () => {
  after(removeContexts);

  for (const builder of ['buildkit', 'classic'] as BuilderKind[]) {
    it(`${builder} rejects COPY --frm=x whole`, async () => {
      const analysis = await predict(lineThree('COPY --frm=x a.txt /c.txt'), { 'a.txt': 'x\n' }, { builder });
      assert.deepEqual(marks(analysis.steps), ['1>3R', '2>3R', '3FR', '4>3R']);
      assert.deepEqual(errorsOf(analysis), ['3: COPY has no flag --frm (did you mean --from?). Check its spelling. The prediction reads it as --from. The builder rejects the whole Dockerfile on this line, so no step runs.']);
    });

    it(`${builder} rejects RUNN whole`, async () => {
      const analysis = await predict(lineThree('RUNN x'), { 'a.txt': 'x\n' }, { builder });
      assert.deepEqual(marks(analysis.steps), ['1>3R', '2>3R', '3FR', '4>3R']);
      assert.match(errorsOf(analysis)[0], /^3: Unknown instruction "RUNN" \(did you mean RUN\?\)\. The builder rejects the whole Dockerfile on it \("unknown instruction: RUNN"\), so no step runs\./);
    });
  }
});
