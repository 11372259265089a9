/** A RUN under a USER whose user or group name the known account files lack: each test name is the case. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

const accounts = {
  passwd: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n',
  group: 'root:x:0:\napp:x:1000:\nstaff:x:50:\n',
  'f.txt': 'f',
};

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** Returns the error of the RUN, with the text `printed` that the builder prints. */
function lookupError(kind: 'user' | 'group', name: string, user: string, printed: string): string {
  const file = kind === 'user' ? '/etc/passwd' : '/etc/group';
  return `The ${kind} "${name}" of USER ${user} is not in the image's ${file}, so the builder cannot start this RUN ("${printed}"), and the build fails on this line. Add the ${kind} in a RUN before the USER line, or give its number.`;
}

describe('RUN under a USER the account files lack', () => {
  after(removeContexts);

  const ghost = 'FROM shell-only\nCOPY passwd group /etc/\nUSER ghost\nCOPY f.txt /g/\nWORKDIR /w\nRUN touch /tmp/x\n';

  it('USER ghost, per builder', async () => {
    const printed = {
      classic: 'unable to find user ghost: no matching entries in passwd file',
      buildkit: 'unable to find user ghost: no matching entries in passwd file',
      buildah: 'determining run uid: user: unknown user error looking up user "ghost"',
    };
    for (const builder of ['classic', 'buildkit', 'buildah'] as const) {
      const analysis = await predict(ghost, accounts, { builder });
      assert.deepEqual(errorsOn(analysis, 6), [lookupError('user', 'ghost', 'ghost', printed[builder])], builder);
      assert.equal(stepAt(analysis, 6).failed, true, builder);
      // No builder fails on the name for a COPY without --chown or for a WORKDIR.
      assert.deepEqual(errorsOn(analysis, 4), [], builder);
      assert.deepEqual(changesAt(analysis, 4), ['/g added directory', '/g/f.txt added file'], builder);
      assert.deepEqual(errorsOn(analysis, 5), [], builder);
    }
  });

  it('USER app:nogrp, per builder', async () => {
    const text = 'FROM shell-only\nCOPY passwd group /etc/\nUSER app:nogrp\nRUN touch /tmp/x\n';
    const printed = {
      classic: 'unable to find group nogrp: no matching entries in group file',
      buildkit: 'unable to find group nogrp: no matching entries in group file',
      buildah: 'determining run gid: group: unknown group error looking up group "nogrp"',
    };
    for (const builder of ['classic', 'buildkit', 'buildah'] as const) {
      const analysis = await predict(text, accounts, { builder });
      assert.deepEqual(errorsOn(analysis, 4), [lookupError('group', 'nogrp', 'app:nogrp', printed[builder])], builder);
    }
  });

  it('USER ghost:nogrp reports the user', async () => {
    const analysis = await predict('FROM shell-only\nCOPY passwd group /etc/\nUSER ghost:nogrp\nRUN touch /tmp/x\n', accounts, { builder: 'classic' });
    assert.deepEqual(errorsOn(analysis, 4), [lookupError('user', 'ghost', 'ghost:nogrp', 'unable to find user ghost: no matching entries in passwd file')]);
  });

  it('USER app:staff and USER 1500:50 run', async () => {
    for (const user of ['app:staff', '1500:50', 'app']) {
      const analysis = await predict(`FROM shell-only\nCOPY passwd group /etc/\nUSER ${user}\nRUN mkdir /tmp\n`, accounts);
      assert.deepEqual(errorsOn(analysis, 4), [], user);
      assert.deepEqual(changesAt(analysis, 4), ['/tmp added directory'], user);
    }
  });

  it('USER ghost over an unread base image', async () => {
    const analysis = await predict('FROM alpine:3.20\nUSER ghost\nRUN touch /tmp/x\n', {}, { builder: 'classic' });
    assert.deepEqual(errorsOn(analysis, 3), []);
    assert.ok(stepAt(analysis, 3).notes.some((note) => note.startsWith('USER ghost is a name;')), stepAt(analysis, 3).notes.join('\n'));
  });

  it('USER ghost after a RUN the prediction does not follow', async () => {
    // ./setup.sh may add the user, so the /etc/passwd that the COPY wrote is no longer certain.
    const text = 'FROM shell-only\nCOPY passwd group setup.sh /etc/\nRUN /etc/setup.sh\nUSER ghost\nRUN touch /tmp/x\n';
    const analysis = await predict(text, { ...accounts, 'setup.sh': { content: 'useradd ghost\n', mode: 0o755 } });
    assert.equal(stepAt(analysis, 3).certainty, 'unknown');
    assert.deepEqual(errorsOn(analysis, 5), []);
  });

  it('USER ghost after a RUN appended to an unread /etc/passwd', async () => {
    const text = "FROM alpine:3.20\nRUN echo 'web:x:1234:1234::/srv:/bin/sh' >> /etc/passwd\nUSER ghost\nRUN touch /tmp/x\n";
    const analysis = await predict(text);
    assert.deepEqual(errorsOn(analysis, 4), []);
  });
});
