/**
 * RUN install -d on a folder that exists: GNU install and BusyBox install set its mode and owner
 * too. On a file, or below one, they fail.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt } from '../helpers';

/** Makes /usr/bin/install a file of its own, which the prediction takes for GNU install. */
const gnuInstall = 'RUN mkdir -p /usr/bin && echo elf > /usr/bin/install\n';
/** Makes /usr/bin/install a BusyBox applet, as in the busybox and Alpine images. */
const busyboxInstall = 'RUN echo elf > /bin/busybox && mkdir -p /usr/bin && ln -s /bin/busybox /usr/bin/install\n';
/** A folder of mode 0700 owned by 1000:1000, written on line 3. */
const privateFolder = 'RUN mkdir /d && chown 1000:1000 /d && chmod 700 /d\n';

describe('RUN install -d on an existing folder', () => {
  after(removeContexts);

  it('install -d /d sets mode 0755', async () => {
    const analysis = await predict(`FROM shell-only\n${privateFolder}${gnuInstall}RUN install -d /d\n`);
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d modified directory 0755 1000:1000']);
    assert.deepEqual(certaintiesAt(analysis, 4), ['/d exact']);
  });

  it('install -d -m 750 -o 2000 -g 2001 /d', async () => {
    const analysis = await predict(`FROM shell-only\n${privateFolder}${gnuInstall}RUN install -d -m 750 -o 2000 -g 2001 /d\n`);
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d modified directory 0750 2000:2001']);
  });

  it('GNU install -d -o keeps the group', async () => {
    const analysis = await predict(`FROM shell-only\n${privateFolder}${gnuInstall}RUN install -d -o 2000 /d\n`);
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d modified directory 0755 2000:1000']);
    assert.deepEqual(certaintiesAt(analysis, 4), ['/d exact']);
  });

  it("BusyBox install -d -o sets the user's group", async () => {
    const analysis = await predict(`FROM shell-only\n${privateFolder}${busyboxInstall}RUN install -d -o 2000 /d\n`);
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d modified directory 0755 2000:0']);
    // A BusyBox reached through a link may lack the install applet, as Debian's busybox-static does.
    assert.deepEqual(certaintiesAt(analysis, 4), ['/d estimated']);
  });

  it("BusyBox install -d -g sets the user's owner", async () => {
    const analysis = await predict(`FROM shell-only\n${privateFolder}${busyboxInstall}RUN install -d -g 2001 -m 0700 /d\n`);
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d modified directory 0700 0:2001']);
  });

  it('unknown install -d -o, estimated with a note', async () => {
    const analysis = await predict(`FROM debian:12\n${privateFolder}RUN install -d -o 2000 /d\n`);
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/d modified directory 0755 2000:1000']);
    assert.deepEqual(certaintiesAt(analysis, 3), ['/d estimated']);
    assert.ok(stepAt(analysis, 3).notes.includes(
      "install -d: GNU install keeps the group of the existing folder /d, while BusyBox install sets it to the user's group. " +
      "This prediction cannot tell which install the image has, so it shows GNU's result, estimated.",
    ), stepAt(analysis, 3).notes.join('\n'));
  });

  it('unknown install -d -o -g, exact', async () => {
    const analysis = await predict(`FROM debian:12\n${privateFolder}RUN install -d -o 2000 -g 2001 /d\n`);
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/d modified directory 0755 2000:2001']);
    assert.doesNotMatch(stepAt(analysis, 3).notes.join('\n'), /install/);
  });

  it('install -d through a symlink to a folder', async () => {
    const analysis = await predict(`FROM shell-only\n${privateFolder}${gnuInstall}RUN ln -s d /link && install -d -m 750 /link\n`);
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d modified directory 0750 1000:1000', '/link added symlink 0777 0:0']);
  });

  it('install -d of a folder that may exist', async () => {
    const analysis = await predict('FROM debian:12\nRUN install -d -m 700 /opt/app\n');
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/opt/app added directory 0700 0:0']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/opt/app estimated']);
    assert.deepEqual(stepAt(analysis, 2).notes, [
      'install -d: /opt/app may exist already below this RUN, which the prediction cannot see, so it takes it to be new. ' +
      'If it exists, install sets its mode all the same, and it keeps its own owner and group.',
    ]);
  });

  it('install -d -o -g of a folder that may exist', async () => {
    const analysis = await predict('FROM debian:12\nRUN install -d -o 1000 -g 1000 /opt/app\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/opt/app exact']);
    assert.deepEqual(stepAt(analysis, 2).notes, []);
  });

  it('install -d of a new folder unchanged', async () => {
    const analysis = await predict(`FROM shell-only\n${gnuInstall}RUN install -d -o 1000 /e\n`);
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/e added directory 0755 1000:0']);
  });
});

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/**
 * `install -d` where a file is in the way. Each GNU error is what install 9.1 printed in the C
 * locale. Debian's busybox-static has no install applet, so each BusyBox error is what its
 * `mkdir -p` printed, which makes folders with the same BusyBox 1.35 code as install.
 */
describe('RUN install -d on a file', () => {
  after(removeContexts);

  const cases: Array<{ install: string; script: string; command: string; printed: string }> = [
    { install: gnuInstall, script: 'touch /f && install -d /f', command: 'install -d /f', printed: "install: cannot create directory '/f': File exists" },
    { install: gnuInstall, script: 'touch /f && install -d /f/', command: 'install -d /f/', printed: "install: cannot create directory '/f/': File exists" },
    { install: gnuInstall, script: 'touch /f && install -d /f//sub/x', command: 'install -d /f//sub/x', printed: "install: cannot create directory '/f': Not a directory" },
    { install: gnuInstall, script: 'mkdir /d && cd /d && touch f && install -d ./f/sub', command: 'install -d ./f/sub', printed: "install: cannot create directory './f': Not a directory" },
    { install: busyboxInstall, script: 'touch /f && install -d /f', command: 'install -d /f', printed: "install: can't create directory '/f': File exists" },
    { install: busyboxInstall, script: 'touch /f && install -d /f/', command: 'install -d /f/', printed: "install: can't create directory '/f/': Not a directory" },
    { install: busyboxInstall, script: 'touch /f && install -d /f//sub/x', command: 'install -d /f//sub/x', printed: "install: can't create directory '/f//': Not a directory" },
  ];
  for (const { install, script, command, printed } of cases) {
    it(`${install === gnuInstall ? 'GNU' : 'BusyBox'} ${script}`, async () => {
      const analysis = await predict(`FROM shell-only\n${install}RUN ${script}\n`);
      assert.deepEqual(errorsOn(analysis, 3), [`This RUN ends with a non-zero exit status because "${command}" fails (${printed}), so the build fails on this line.`]);
    });
  }

  it('makes the other folders and fails', async () => {
    const analysis = await predict(`FROM shell-only\n${gnuInstall}RUN touch /f && install -d /a /f /b; echo $? > /s\n`);
    assert.deepEqual(changesAt(analysis, 3), ['/a added directory', '/b added directory', '/f added file', '/s added file']);
    const origin = analysis.stack.lookup('/s')?.entry.origin;
    assert.equal(origin?.kind === 'run-text' ? origin.text : undefined, '1\n');
  });
});
