import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { predict, removeContexts } from '../predict/helpers';
import { lineThree, marks } from './stepMarks';

// Facts from real builds of `FROM busybox-local:2`, `COPY a.txt /a.txt`, the line under test on
// line 3 and `RUN echo after > /after`:
//
// - Docker Engine 20.10.24's classic builder rejects before any step ("dockerfile parse error line
//   3: ...") `type=bogus` ("unsupported mount type"), `bogus=1` and `env=X` ("unexpected key"),
//   `readwrite=maybe` ("invalid value for readwrite: maybe"), a bare `bogus` ("invalid field
//   'bogus' must be a key=value pair") and `type=$T`. A valid mount, and one without a target,
//   fails at its step ("the --mount option requires BuildKit").
// - buildah 1.28.2 (vfs, chroot isolation) fails at the step, after step 2 committed its layer, on
//   `type=bogus` ("invalid mount type"), `bogus=1` ("bogus: invalid mount option") and a bind,
//   cache or tmpfs mount without a target ("must set volume destination"). It builds
//   `readwrite=maybe`, `ro=maybe` and a secret mount without a target.
// - buildah fails at the step on `COPY --chown a.txt /b`, `COPY --from /x /y` and
//   `ADD --chmod a.txt /b`, with its "only supports" errors, after step 2 committed its layer.
//
// BuildKit's facts come from its source (moby/buildkit v0.32, commands_runmount.go and
// dockerfile2llb/convert_runmount.go): it checks mount values while converting the stages the
// target needs, before it runs any step.

function errorsOf(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
}

/** Returns the plan's errors about `--mount` values, as `scope: message`. */
function mountErrors(text: string, builder: BuilderKind): string[] {
  return planBuild(text, { builder })
    .problems.filter((problem) => problem.severity === 'error' && problem.message.startsWith('RUN --mount'))
    .map((problem) => `${problem.scope ?? 'step'}: ${problem.message}`);
}

const whole = 'The builder rejects the whole Dockerfile on this line, so no step runs.';
const converted = 'BuildKit rejects the whole Dockerfile on this line while it converts the stages the target needs, so no step runs.';
const atStep = 'The build fails at this step.';

describe('RUN --mount values', () => {
  after(removeContexts);

  it('type=bogus under each builder', () => {
    const text = 'FROM busybox\nRUN --mount=type=bogus,target=/x true\n';
    const hint = 'Write type=bind, type=cache, type=tmpfs, type=secret or type=ssh.';
    assert.deepEqual(mountErrors(text, 'buildkit'), [`dockerfile: RUN --mount has no type "bogus" (BuildKit: "unsupported mount type "bogus""). ${hint} ${converted}`]);
    assert.deepEqual(mountErrors(text, 'classic'), [`dockerfile: RUN --mount has no type "bogus" (the classic builder: "unsupported mount type "bogus""). ${hint} ${whole}`]);
    assert.deepEqual(mountErrors(text, 'buildah'), [`step: RUN --mount has no type "bogus" (buildah: "invalid mount type "bogus""). ${hint} ${atStep}`]);
  });

  it('unknown option under each builder', () => {
    const text = 'FROM busybox\nRUN --mount=type=cache,bogus=1,target=/x true\n';
    assert.deepEqual(mountErrors(text, 'buildkit'), [`dockerfile: RUN --mount has no option "bogus". Check its spelling (BuildKit: "unexpected key 'bogus' in 'bogus=1'"). ${converted}`]);
    assert.deepEqual(mountErrors(text, 'classic'), [`dockerfile: RUN --mount has no option "bogus". Check its spelling (the classic builder: "unexpected key 'bogus' in 'bogus=1'"). ${whole}`]);
    assert.deepEqual(mountErrors(text, 'buildah'), [`step: RUN --mount type=cache has no option "bogus" in buildah. Check its spelling (buildah: "bogus: invalid mount option"). ${atStep}`]);
  });

  it('options only BuildKit knows', () => {
    const text = 'FROM busybox\nRUN --mount=type=tmpfs,target=/x,size=1m true\n';
    assert.deepEqual(mountErrors(text, 'buildkit'), []);
    assert.match(mountErrors(text, 'classic')[0], /^dockerfile: RUN --mount has no option "size"/);
    assert.match(mountErrors(text, 'buildah')[0], /^step: RUN --mount type=tmpfs has no option "size" in buildah/);
  });

  it('bare field without a value', () => {
    const text = 'FROM busybox\nRUN --mount=type=tmpfs,target=/x,bogus true\n';
    assert.deepEqual(mountErrors(text, 'classic'), [
      `dockerfile: RUN --mount option "bogus" has no value. Write it as bogus=VALUE, or check its spelling (the classic builder: "invalid field 'bogus' must be a key=value pair"). ${whole}`,
    ]);
    assert.deepEqual(mountErrors('FROM busybox\nRUN --mount=type=bind,target=/x,ro true\n', 'classic'), []);
  });

  it('missing target under each builder', () => {
    const text = 'FROM busybox\nRUN --mount=type=cache true\n';
    assert.deepEqual(mountErrors(text, 'buildkit'), [
      `dockerfile: RUN --mount type=cache has no target, so it would be mounted on the working directory /. Add target=/PATH (BuildKit: "invalid mount target "/""). ${converted}`,
    ]);
    assert.deepEqual(mountErrors(text, 'classic'), []);
    assert.deepEqual(mountErrors(text, 'buildah'), [`step: RUN --mount type=cache needs a target. Add target=/PATH (buildah: "must set volume destination"). ${atStep}`]);
  });

  it('missing target that BuildKit accepts', () => {
    // BuildKit mounts it on the working directory, and gives secret and ssh mounts a default target.
    assert.deepEqual(mountErrors('FROM busybox\nWORKDIR /app\nRUN --mount=type=cache true\n', 'buildkit'), []);
    assert.deepEqual(mountErrors('FROM busybox\nRUN --mount=type=secret,id=s true\n', 'buildkit'), []);
    assert.deepEqual(mountErrors('FROM busybox\nRUN --mount=type=secret,id=s true\n', 'buildah'), []);
    assert.match(mountErrors('FROM busybox\nWORKDIR /app\nRUN --mount=type=cache,target=/ true\n', 'buildkit')[0], /cannot mount over \//);
  });

  it('readwrite=maybe on a bind mount', () => {
    const text = 'FROM busybox\nRUN --mount=type=bind,target=/x,readwrite=maybe true\n';
    assert.deepEqual(mountErrors(text, 'buildkit'), [
      `dockerfile: RUN --mount readwrite=maybe is neither true nor false. Write readwrite=true or readwrite=false (BuildKit: "invalid value for readwrite: maybe"). ${converted}`,
    ]);
    assert.match(mountErrors(text, 'classic')[0], /^dockerfile: RUN --mount readwrite=maybe is neither true nor false/);
    // buildah reads only the option's name.
    assert.deepEqual(mountErrors(text, 'buildah'), []);
    assert.deepEqual(mountErrors('FROM busybox\nRUN --mount=type=bind,target=/x,ro=maybe true\n', 'buildah'), []);
    assert.deepEqual(mountErrors('FROM busybox\nRUN --mount=type=bind,target=/x,rw=False true\n', 'buildkit'), []);
  });

  it('variables in the type', () => {
    const text = 'FROM busybox\nARG T=cache\nRUN --mount=type=$T,target=/x true\n';
    assert.deepEqual(mountErrors(text, 'buildkit'), []);
    assert.match(mountErrors(text, 'classic')[0], /^dockerfile: RUN --mount has no type "\$T"/);
    const fromVariable = mountErrors('FROM busybox AS base\nFROM busybox\nARG S=base\nRUN --mount=from=$S,target=/x true\n', 'buildkit');
    assert.equal(fromVariable.length, 1);
    assert.match(fromVariable[0], /^dockerfile: RUN --mount from=\$S names a stage through a variable/);
    assert.ok(fromVariable[0].endsWith(whole));
  });

  it('buildah types and options are case-sensitive', () => {
    assert.match(mountErrors('FROM busybox\nRUN --mount=type=BIND,target=/x true\n', 'buildah')[0], /has no type "BIND"/);
    assert.match(mountErrors('FROM busybox\nRUN --mount=type=bind,TARGET=/x true\n', 'buildah')[0], /has no option "TARGET"/);
    assert.deepEqual(mountErrors('FROM busybox\nRUN --mount=type=BIND,TARGET=/x true\n', 'buildkit'), []);
  });

  it('valid mounts under each builder', () => {
    for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
      const text = 'FROM busybox\nRUN --mount=type=cache,target=/c --mount=type=tmpfs,dst=/t --mount=type=bind,source=a,target=/a,rw true\n';
      assert.deepEqual(mountErrors(text, builder), [], builder);
    }
  });

  it('steps run before buildah fails', async () => {
    const analysis = await predict(lineThree('RUN --mount=type=bogus,target=/x true'), { 'a.txt': 'x\n' }, { builder: 'buildah' });
    assert.deepEqual(marks(analysis.steps), ['1', '2', '3F', '4>3']);
  });

  for (const builder of ['buildkit', 'classic'] as BuilderKind[]) {
    it(`no step runs under ${builder}`, async () => {
      const analysis = await predict(lineThree('RUN --mount=type=bogus,target=/x true'), { 'a.txt': 'x\n' }, { builder });
      assert.deepEqual(marks(analysis.steps), ['1>3R', '2>3R', '3FR', '4>3R']);
    });
  }

  it('unused stage under BuildKit', async () => {
    const text = 'FROM busybox-local:2 AS unused\nRUN --mount=type=bogus,target=/x true\nFROM busybox-local:2\nCOPY a.txt /a.txt\n';
    const buildkit = await predict(text, { 'a.txt': 'x\n' }, { builder: 'buildkit' });
    assert.deepEqual(errorsOf(buildkit), []);
    assert.deepEqual(marks(buildkit.steps), ['3', '4']);
    const [warning] = buildkit.problems;
    assert.equal(warning.line, 2);
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /This step would fail only in a build that includes that stage\.$/);
    // The classic builder parses every stage first.
    const classic = await predict(text, { 'a.txt': 'x\n' }, { builder: 'classic' });
    assert.deepEqual(marks(classic.steps), ['3>2R', '4>2R']);
  });
});

describe('flags without a value under buildah', () => {
  after(removeContexts);

  const observed: Array<[string, string]> = [
    ['COPY --chown a.txt /b', 'COPY only supports the --chmod=<permissions> --chown=<uid:gid> and the --from=<image|stage> flags'],
    ['COPY --from /x /y', 'COPY only supports the --chmod=<permissions> --chown=<uid:gid> and the --from=<image|stage> flags'],
    ['ADD --chmod a.txt /b', 'ADD only supports the --chmod=<permissions> and the --chown=<uid:gid> flags'],
  ];

  for (const [line, error] of observed) {
    it(`${line} fails at its step`, async () => {
      const analysis = await predict(lineThree(line), { 'a.txt': 'x\n' }, { builder: 'buildah' });
      assert.deepEqual(marks(analysis.steps), ['1', '2', '3F', '4>3']);
      const flag = /--(\w+)/.exec(line)?.[1];
      // The prediction may add errors of its own on the line, such as a missing `/x`.
      assert.equal(errorsOf(analysis)[0], `${line.split(' ')[0]} --${flag} needs a value, written --${flag}=VALUE ("${error}"). ${atStep}`);
    });
  }

  it('FROM --platform rejects before any step', async () => {
    const analysis = await predict('FROM busybox-local:2\nCOPY a.txt /a.txt\nFROM --platform busybox-local:2\n', { 'a.txt': 'x\n' }, { builder: 'buildah' });
    const first = analysis.stageChains?.[0].steps ?? [];
    assert.deepEqual(marks(first), ['1>3R', '2>3R']);
    assert.deepEqual(errorsOf(analysis), [`FROM --platform needs a value, written --platform=VALUE ("FROM only supports the --platform flag"). ${whole}`]);
  });
});
