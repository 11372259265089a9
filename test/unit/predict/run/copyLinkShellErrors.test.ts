/**
 * The error of a RUN that fails in cp, mv, install, rmdir, ln or a shell redirect quotes what the
 * image's tool or shell prints. Each expected text is the stderr of BusyBox 1.35, GNU coreutils
 * 9.1, dash 0.5.12 or bash 5.2 on the same case.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { WriteEntry } from '../../../../src/core/model/layer';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { folderEntry as folder, linkEntry as link, predict, programEntry as program, removeContexts, stepAt } from '../helpers';

const tools = ['cp', 'mv', 'install', 'rmdir', 'ln'];

function image(entries: WriteEntry[]): KnownImage {
  return { layer: { entries: [folder('/bin'), ...entries], certainty: 'exact' } };
}

/** Alpine's layout: every tool and /bin/sh are symlinks to /bin/busybox. */
const busyboxImage = image([program('/bin/busybox'), link('/bin/sh', 'busybox'), ...tools.map((tool) => link(`/bin/${tool}`, 'busybox'))]);
/** Debian's layout: GNU coreutils, /bin/sh a symlink to dash, and bash. */
const gnuImage = image([program('/bin/dash'), program('/bin/bash'), link('/bin/sh', 'dash'), ...tools.map((tool) => program(`/bin/${tool}`))]);

function images(reference: string): KnownImage | undefined {
  if (reference === 'busybox-tools') return busyboxImage;
  if (reference === 'gnu-tools') return gnuImage;
  return undefined;
}

/** Returns the errors of the RUN `run` on `base`, after a RUN that makes /f (a file) and /d (a folder with a file). */
async function errorsOf(base: string, run: string, shell = ''): Promise<string[]> {
  const dockerfile = `FROM ${base}\n${shell}RUN echo a > /f && mkdir /d && echo b > /d/x\nRUN ${run}\n`;
  const analysis: Analysis = await predict(dockerfile, {}, { images });
  const line = dockerfile.split('\n').findIndex((text) => text.startsWith(`RUN ${run.split('\n')[0]}`)) + 1;
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** Builds the error of a RUN that fails in `command`, which prints `printed` (`undefined`: a text the model does not word). */
function failure(command: string, printed: string | undefined): string {
  const quoted = printed === undefined ? '' : ` (${printed})`;
  return `This RUN ends with a non-zero exit status because "${command}" fails${quoted}, so the build fails on this line.`;
}

/** A RUN that fails in one command, and what GNU and BusyBox print for it (`undefined`: not tested on BusyBox). */
const toolCases: Array<{ run: string; gnu: string; busybox: string | undefined }> = [
  { run: 'cp /nope /e', gnu: "cp: cannot stat '/nope': No such file or directory", busybox: "cp: can't stat '/nope': No such file or directory" },
  { run: 'cp /f /missing/e', gnu: "cp: cannot create regular file '/missing/e': No such file or directory", busybox: "cp: can't create '/missing/e': No such file or directory" },
  { run: 'cp /f /f/e', gnu: "cp: cannot stat '/f/e': Not a directory", busybox: "cp: can't stat '/f/e': Path has non-directory component" },
  { run: 'cp /d /e', gnu: "cp: -r not specified; omitting directory '/d'", busybox: "cp: omitting directory '/d'" },
  { run: 'cp -r /d /missing/e', gnu: "cp: cannot create directory '/missing/e': No such file or directory", busybox: "cp: can't create directory '/missing/e': No such file or directory" },
  { run: 'cp /f /d/x /missing', gnu: "cp: target '/missing': No such file or directory", busybox: "cp: can't create '/missing/x': No such file or directory" },
  { run: 'cp -t /f /d/x', gnu: "cp: target directory '/f': Not a directory", busybox: "cp: can't stat '/f/x': Not a directory" },
  { run: 'mv /nope /e', gnu: "mv: cannot stat '/nope': No such file or directory", busybox: "mv: can't rename '/nope': No such file or directory" },
  { run: 'mv /f /missing/e', gnu: "mv: cannot move '/f' to '/missing/e': No such file or directory", busybox: "mv: can't rename '/f': No such file or directory" },
  { run: 'mv /d /f/e', gnu: "mv: cannot stat '/f/e': Not a directory", busybox: "mv: can't stat '/f/e': Path has non-directory component" },
  { run: 'mkdir /e && mv /d/. /e', gnu: "mv: cannot move '/d/.' to '/e/.': Device or resource busy", busybox: "mv: can't rename '/d/.': Device or resource busy" },
  { run: 'mv /d/. /e', gnu: "mv: cannot move '/d/.' to '/e': Device or resource busy", busybox: "mv: can't rename '/d/.': Device or resource busy" },
  { run: 'mv /f /d/x /missing', gnu: "mv: target '/missing': No such file or directory", busybox: "mv: can't rename '/d/x': No such file or directory" },
  { run: 'install /f /missing/e', gnu: "install: cannot create regular file '/missing/e': No such file or directory", busybox: 'install: /missing/e: No such file or directory' },
  { run: 'install /d /e', gnu: "install: omitting directory '/d'", busybox: undefined },
  { run: 'install -t /missing /f', gnu: "install: failed to access '/missing': No such file or directory", busybox: 'install: /missing/f: No such file or directory' },
  { run: 'rmdir /d', gnu: "rmdir: failed to remove '/d': Directory not empty", busybox: "rmdir: '/d': Directory not empty" },
  { run: 'rmdir /nope', gnu: "rmdir: failed to remove '/nope': No such file or directory", busybox: "rmdir: '/nope': No such file or directory" },
  { run: 'rmdir /f', gnu: "rmdir: failed to remove '/f': Not a directory", busybox: "rmdir: '/f': Not a directory" },
  { run: 'ln -s /x /f', gnu: "ln: failed to create symbolic link '/f': File exists", busybox: 'ln: /f: File exists' },
  { run: 'ln -s /x /missing/l', gnu: "ln: failed to create symbolic link '/missing/l': No such file or directory", busybox: 'ln: /missing/l: No such file or directory' },
  { run: 'ln -s /x /f/l', gnu: "ln: failed to create symbolic link '/f/l': Not a directory", busybox: 'ln: /f/l: Not a directory' },
  { run: 'mkdir /e /e/x && ln -sf /y/x /e', gnu: 'ln: /e/x: cannot overwrite directory', busybox: 'ln: /e/x: File exists' },
  { run: 'ln /nope /l', gnu: "ln: failed to access '/nope': No such file or directory", busybox: 'ln: /nope: No such file or directory' },
  { run: 'ln /d /l', gnu: 'ln: /d: hard link not allowed for directory', busybox: 'ln: /l: Operation not permitted' },
  { run: 'ln /f /d/x', gnu: "ln: failed to create hard link '/d/x': File exists", busybox: 'ln: /d/x: File exists' },
  { run: 'ln /f /missing/l', gnu: "ln: failed to create hard link '/missing/l' => '/f': No such file or directory", busybox: 'ln: /missing/l: No such file or directory' },
  { run: 'mkdir /e /e/f && ln -f /f /e', gnu: 'ln: /e/f: cannot overwrite directory', busybox: 'ln: /e/f: File exists' },
  { run: 'ln -s /a /b /missing', gnu: "ln: target '/missing': No such file or directory", busybox: 'ln: /missing: File exists' },
  { run: 'mkdir /e && ln -s /d/. /e', gnu: "ln: failed to create symbolic link '/e/.': File exists", busybox: 'ln: /e/.: File exists' },
  { run: 'cd /d && ln -s /y/x', gnu: "ln: failed to create symbolic link './x': File exists", busybox: 'ln: x: File exists' },
];

/** Returns the last command of a case, which is the one that fails and that the error names. */
function lastCommand(run: string): string {
  return run.split(' && ').pop() as string;
}

describe('cp, mv, install, rmdir and ln errors', () => {
  after(removeContexts);

  for (const { run, gnu, busybox } of toolCases) {
    it(`${run} (GNU)`, async () => {
      assert.deepEqual(await errorsOf('gnu-tools', run), [failure(lastCommand(run), gnu)]);
    });
    // Debian's BusyBox has no install applet, so a case without a checked BusyBox wording tests GNU only.
    if (busybox === undefined) continue;
    it(`${run} (BusyBox)`, async () => {
      assert.deepEqual(await errorsOf('busybox-tools', run), [failure(lastCommand(run), busybox)]);
    });
  }

  it('BusyBox ln makes the first link before failing', async () => {
    const analysis = await predict('FROM busybox-tools\nRUN ln -s /a /b /l || true\n', {}, { images });
    assert.equal(analysis.stack.lookup('/l')?.entry.linkTarget, '/a');
  });

  it('cp copies the sources after a missing one', async () => {
    const analysis = await predict('FROM gnu-tools\nRUN mkdir /d && echo a > /f && cp /nope /f /d || true\n', {}, { images });
    assert.equal(analysis.stack.lookup('/d/f')?.entry.type, 'file');
  });
});

describe('cp source operand ending in . or ..', () => {
  after(removeContexts);

  /** Returns the paths under /e after `run`, which starts from /d holding x and s/y, and an empty /e inside /p. */
  async function copiedPaths(base: string, run: string): Promise<string[]> {
    const setup = 'mkdir -p /d/s /p/e && echo b > /d/x && echo c > /d/s/y';
    const analysis = await predict(`FROM ${base}\nRUN ${setup}\nRUN ${run}\n`, {}, { images });
    assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), []);
    return analysis.stack.layers[stepAt(analysis, 3).index].entries.map(({ entry }) => entry.path).filter((path) => path !== '/p');
  }

  // An unread base image leaves the tool's flavor unknown.
  for (const base of ['gnu-tools', 'busybox-tools', 'debian']) {
    it(`cp -r /d/. into a folder (${base})`, async () => {
      assert.deepEqual(await copiedPaths(base, 'cp -r /d/. /p/e/'), ['/p/e', '/p/e/s', '/p/e/s/y', '/p/e/x']);
    });

    it(`cd /d && cp -a . into a folder (${base})`, async () => {
      assert.deepEqual(await copiedPaths(base, 'cd /d && cp -a . /p/e'), ['/p/e', '/p/e/s', '/p/e/s/y', '/p/e/x']);
    });

    it(`cp -R /d/. to a new folder (${base})`, async () => {
      assert.deepEqual(await copiedPaths(base, 'cp -R /d/. /p/n'), ['/p/n', '/p/n/s', '/p/n/s/y', '/p/n/x']);
    });
  }

  it('cp -r /d/s/.. into a folder (GNU)', async () => {
    // GNU cp 9.1 takes a last ".." for ".", so the contents of /d land in /p/e.
    assert.deepEqual(await copiedPaths('gnu-tools', 'cp -r /d/s/.. /p/e'), ['/p/e', '/p/e/s', '/p/e/s/y', '/p/e/x']);
  });

  it('cp -r /d/s/.. into a folder (BusyBox)', async () => {
    // BusyBox 1.35 cp joins "..", so the contents of /d land in /p/e/.., which is /p.
    assert.deepEqual(await copiedPaths('busybox-tools', 'cp -r /d/s/.. /p/e'), ['/p/s', '/p/s/y', '/p/x']);
  });
});

describe('redirect errors by shell', () => {
  after(removeContexts);

  it('BusyBox ash, missing folder', async () => {
    assert.deepEqual(await errorsOf('busybox-tools', 'echo x > /missing/f'), [failure('echo x', "/bin/sh: can't create /missing/f: nonexistent directory")]);
  });

  it('BusyBox ash, file in the path', async () => {
    assert.deepEqual(await errorsOf('busybox-tools', 'echo x > /f/g'), [failure('echo x', "/bin/sh: can't create /f/g: nonexistent directory")]);
  });

  it('BusyBox ash in sh -c', async () => {
    assert.deepEqual(await errorsOf('busybox-tools', "sh -c 'echo x >> /d'"), [failure('echo x', "sh: can't create /d: Is a directory")]);
  });

  it('dash, missing folder', async () => {
    assert.deepEqual(await errorsOf('gnu-tools', 'echo x > /missing/f'), [failure('echo x', '/bin/sh: 1: cannot create /missing/f: Directory nonexistent')]);
  });

  it('dash, folder as target', async () => {
    assert.deepEqual(await errorsOf('gnu-tools', 'cd /d && echo x > .'), [failure('echo x', '/bin/sh: 1: cannot create .: Is a directory')]);
  });

  it('dash, second line of a heredoc', async () => {
    assert.deepEqual(await errorsOf('gnu-tools', '<<EOF\ntrue\necho x > /missing/f\nEOF'), [failure('echo x', '/bin/sh: 2: cannot create /missing/f: Directory nonexistent')]);
  });

  it('bash as SHELL, file in the path', async () => {
    const errors = await errorsOf('gnu-tools', 'echo x > /f/g', 'SHELL ["/bin/bash", "-c"]\n');
    assert.deepEqual(errors, [failure('echo x', '/bin/bash: line 1: /f/g: Not a directory')]);
  });

  it('bash -c inside dash', async () => {
    assert.deepEqual(await errorsOf('gnu-tools', "bash -c 'echo x > /missing/f'"), [failure('echo x', 'bash: line 1: /missing/f: No such file or directory')]);
  });

  /** Compound commands whose redirect fails: the base image, the script, a SHELL line, the command the error names and what the shell prints. */
  const compoundCases: Array<{ title: string; base: string; run: string; shell?: string; command: string; printed: string }> = [
    { title: 'BusyBox ash, group to missing folder', base: 'busybox-tools', run: '{ echo x; } > /missing/f', command: '{ echo x; } > /missing/f', printed: "/bin/sh: can't create /missing/f: nonexistent directory" },
    { title: 'dash, group to missing folder', base: 'gnu-tools', run: '{ echo x; } > /missing/f', command: '{ echo x; } > /missing/f', printed: '/bin/sh: 1: cannot create /missing/f: Directory nonexistent' },
    { title: 'dash, for loop to a folder', base: 'gnu-tools', run: 'for i in 1; do echo x; done >> /d', command: 'for i in 1; do echo x; done >> /d', printed: '/bin/sh: 1: cannot create /d: Is a directory' },
    // dash prints the line where the group starts, bash the line of its redirect.
    { title: 'dash, group over lines 2 to 4', base: 'gnu-tools', run: '<<EOF\ntrue\n{\necho x\n} > /missing/f\nEOF', command: '{ echo x } > /missing/f', printed: '/bin/sh: 2: cannot create /missing/f: Directory nonexistent' },
    { title: 'bash, group over lines 2 to 4', base: 'gnu-tools', run: '<<EOF\ntrue\n{\necho x\n} > /missing/f\nEOF', shell: 'SHELL ["/bin/bash", "-c"]\n', command: '{ echo x } > /missing/f', printed: '/bin/bash: line 4: /missing/f: No such file or directory' },
    { title: 'bash, subshell to file in path', base: 'gnu-tools', run: '( echo x ) > /f/g', shell: 'SHELL ["/bin/bash", "-c"]\n', command: '( echo x ) > /f/g', printed: '/bin/bash: line 1: /f/g: Not a directory' },
  ];
  for (const { title, base, run, shell, command, printed } of compoundCases) {
    it(title, async () => {
      assert.deepEqual(await errorsOf(base, run, shell), [failure(command, printed)]);
    });
  }

  it('failed group redirect skips the body', async () => {
    // The shell opens the file before it runs the group, so touch never runs.
    const analysis = await predict('FROM gnu-tools\nRUN { touch /x; } > /missing/f || true\n', {}, { images });
    assert.equal(analysis.stack.lookup('/x'), undefined);
    assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), []);
  });

  it('set -e after failed group redirect', async () => {
    // BusyBox 1.35 ash goes on after a group whose redirect fails, and dash 0.5.12 exits.
    const script = 'set -e; { echo x; } > /missing/f; touch /after';
    const busybox = await predict(`FROM busybox-tools\nRUN ${script}\n`, {}, { images });
    const dash = await predict(`FROM gnu-tools\nRUN ${script}\n`, {}, { images });

    assert.equal(busybox.stack.lookup('/after')?.entry.type, 'file');
    assert.deepEqual(busybox.problems.filter((problem) => problem.severity === 'error'), []);
    assert.deepEqual(dash.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message), [failure('{ echo x; } > /missing/f', '/bin/sh: 1: cannot create /missing/f: Directory nonexistent')]);
  });

  it('set -e after failed subshell redirect on BusyBox', async () => {
    const errors = await errorsOf('busybox-tools', 'set -e; ( echo x ) > /missing/f; touch /after');
    assert.deepEqual(errors, [failure('( echo x ) > /missing/f', "/bin/sh: can't create /missing/f: nonexistent directory")]);
  });

  it('failed redirect skips the command', async () => {
    // dash 0.5.12, bash 5.2 and BusyBox 1.35 ash open a command's redirects before they run it.
    for (const base of ['gnu-tools', 'busybox-tools', 'shell-only']) {
      const resolver = base === 'shell-only' ? {} : { images };
      const analysis = await predict(`FROM ${base}\nRUN touch /x > /missing/f || true\n`, {}, resolver);

      assert.equal(analysis.stack.lookup('/x'), undefined, base);
      assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), [], base);
    }
  });

  it('set -e after failed command redirect', async () => {
    // dash and BusyBox ash both exit, although BusyBox ash goes on after a group's failed redirect.
    for (const [base, printed] of [['gnu-tools', '/bin/sh: 1: cannot create /missing/f: Directory nonexistent'], ['busybox-tools', "/bin/sh: can't create /missing/f: nonexistent directory"]]) {
      const analysis = await predict(`FROM ${base}\nRUN set -e; touch /x > /missing/f; touch /after\n`, {}, { images });
      const errors = analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);

      assert.equal(analysis.stack.lookup('/x'), undefined, base);
      assert.equal(analysis.stack.lookup('/after'), undefined, base);
      assert.deepEqual(errors, [failure('touch /x', printed)], base);
    }
  });

  it('redirects before the failed one', async () => {
    // The shell opens /a (truncating it) and /f (appending) before /missing/f fails, and never opens /c.
    const analysis = await predict('FROM gnu-tools\nRUN echo 12345 > /a && echo ab > /f\nRUN echo x > /a >> /f > /missing/f 2>/c || true\n', {}, { images });

    assert.equal(analysis.stack.lookup('/a')?.entry.size, 0);
    assert.equal(analysis.stack.lookup('/f')?.entry.size, 'ab\n'.length);
    assert.equal(analysis.stack.lookup('/c'), undefined);
  });

  it('special builtin with failed redirect', async () => {
    // dash and BusyBox ash exit even on the left of ||, while bash goes on unless it runs as sh.
    const script = ': > /missing/f || true; touch /after';
    const dash = await predict(`FROM gnu-tools\nRUN ${script}\n`, {}, { images });
    const busybox = await predict(`FROM busybox-tools\nRUN ${script}\n`, {}, { images });
    const bash = await predict(`FROM gnu-tools\nSHELL ["/bin/bash", "-c"]\nRUN ${script}\n`, {}, { images });
    const errors = (analysis: Analysis) => analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);

    assert.deepEqual(errors(dash), [failure(':', '/bin/sh: 1: cannot create /missing/f: Directory nonexistent')]);
    assert.equal(dash.stack.lookup('/after'), undefined);
    assert.deepEqual(errors(busybox), [failure(':', "/bin/sh: can't create /missing/f: nonexistent directory")]);
    assert.deepEqual(errors(bash), []);
    assert.equal(bash.stack.lookup('/after')?.entry.type, 'file');
  });

  it('dash, missing input file', async () => {
    assert.deepEqual(await errorsOf('gnu-tools', 'cat < /missing'), [failure('cat', '/bin/sh: 1: cannot open /missing: No such file')]);
  });

  it('BusyBox ash, missing input file', async () => {
    assert.deepEqual(await errorsOf('busybox-tools', 'cat < /missing/x'), [failure('cat', "/bin/sh: can't open /missing/x: no such file")]);
  });

  it('bash as SHELL, input under a file', async () => {
    const errors = await errorsOf('gnu-tools', 'cat < /f/g', 'SHELL ["/bin/bash", "-c"]\n');
    assert.deepEqual(errors, [failure('cat', '/bin/bash: line 1: /f/g: Not a directory')]);
  });

  it('missing input file skips the command', async () => {
    // The shell opens > /a, then fails on < /missing, so touch never runs.
    const analysis = await predict('FROM gnu-tools\nRUN touch /x > /a < /missing || true\n', {}, { images });

    assert.equal(analysis.stack.lookup('/x'), undefined);
    assert.equal(analysis.stack.lookup('/a')?.entry.size, 0);
    assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), []);
  });

  it('input from /dev that the image lacks', async () => {
    // The runtime mounts /dev for the build, whatever the image holds.
    const analysis = await predict('FROM gnu-tools\nRUN cat < /dev/urandom > /r\n', {}, { images });

    assert.equal(analysis.stack.lookup('/r')?.entry.type, 'file');
    assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), []);
  });

  it('unknown shell, plain form', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo x > /missing/f\n');
    const errors = analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
    assert.deepEqual(errors, [failure('echo x', '/bin/sh: /missing/f: No such file or directory')]);
  });
});

describe('syntax errors by shell', () => {
  after(removeContexts);

  /** Builds the error of a RUN whose script `shell` rejects for a word (shown as `word`) after a compound command's redirect, printing `printed`. */
  function syntaxError(shell: string, word: string, printed: string): string {
    return `This RUN's script has a syntax error, so ${shell} rejects it (${printed}) and the build fails on this line. ` +
      `A compound command takes no arguments, so the word ${word} after its redirect is unexpected. Correct the script.`;
  }

  it('BusyBox ash, word after group redirect', async () => {
    const errors = await errorsOf('busybox-tools', '{ echo x; } >/f b');
    assert.deepEqual(errors, [syntaxError('sh', '"b"', '/bin/sh: syntax error: unexpected word')]);
  });

  it('dash, word after subshell redirect', async () => {
    const errors = await errorsOf('gnu-tools', '( echo x ) >/f b');
    assert.deepEqual(errors, [syntaxError('sh', '"b"', '/bin/sh: 1: Syntax error: word unexpected')]);
  });

  it('bash, quoted word after group redirect', async () => {
    // The Dockerfile parser joins the continued line, so the shell reads one line.
    const errors = await errorsOf('gnu-tools', 'true && \\\n  { echo x; } >/f "b c" d', 'SHELL ["/bin/bash", "-c"]\n');
    assert.deepEqual(errors, [syntaxError('bash', '"b c"', "/bin/bash: -c: line 1: syntax error near unexpected token `\"b c\"'")]);
  });
});
