/**
 * A command that no folder of PATH contains fails its RUN with the shell's "not found" error, but
 * only where the stage's files and PATH are surely known. Each expected error is the stderr of
 * BusyBox 1.35 ash, dash 0.5.12 or bash 5.2 run as `/bin/sh -c SCRIPT` on the same script.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { BaseImageConfig } from '../../../../src/core/dockerfile/plan';
import type { WriteEntry } from '../../../../src/core/model/layer';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt, type ContextSpec } from '../helpers';

/** The configuration of an image made by `docker import`, whose Env sets no PATH, so the builder's default applies. */
const importedConfig: BaseImageConfig = { env: new Map() };

/** Debian's busybox-static installed as /bin/busybox with a few applet links, as a user lays it out. */
const busyboxStatic: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), ...['sh', 'mkdir', 'ls', 'cat'].map((name) => linkEntry(`/bin/${name}`, 'busybox'))], certainty: 'exact' },
  config: importedConfig,
};

/** A merged-/usr Debian: /bin and /sbin are symlinks into /usr, /bin/sh is dash, and coreutils and bash are in /usr/bin. */
const debianEntries: WriteEntry[] = [
  linkEntry('/bin', 'usr/bin'), linkEntry('/sbin', 'usr/sbin'), folderEntry('/usr'), folderEntry('/usr/bin'), folderEntry('/usr/sbin'), folderEntry('/etc'),
  programEntry('/usr/bin/dash'), linkEntry('/usr/bin/sh', 'dash'), programEntry('/usr/bin/bash'),
  ...['mkdir', 'cat', 'env', 'xargs', 'find', 'grep', 'make', 'apt-get', 'ln'].map((name) => programEntry(`/usr/bin/${name}`)),
];
const debian: KnownImage = { layer: { entries: debianEntries, certainty: 'exact' }, config: { env: new Map([['PATH', defaultPath]]) } };

/** The same files with /bin/sh linked to bash, as Fedora has it. */
const bashAsSh: KnownImage = {
  layer: { entries: debianEntries.map((entry) => (entry.path === '/usr/bin/sh' ? linkEntry('/usr/bin/sh', 'bash') : entry)), certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

/** The Debian files with conda in /opt/conda/bin, which the configuration's PATH names first. */
const conda: KnownImage = {
  layer: { entries: [...debianEntries, folderEntry('/opt'), folderEntry('/opt/conda'), folderEntry('/opt/conda/bin'), programEntry('/opt/conda/bin/conda')], certainty: 'exact' },
  config: { env: new Map([['PATH', '/opt/conda/bin:/usr/bin']]) },
};

/** The Debian files without a read configuration, as the base of a linked build is. */
const debianFilesOnly: KnownImage = { layer: debian.layer };

function images(reference: string): KnownImage | undefined {
  const known: Record<string, KnownImage> = { 'busybox-static': busyboxStatic, debian, 'bash-as-sh': bashAsSh, 'debian-files': debianFilesOnly, conda };
  return known[reference];
}

function run(dockerfile: string, files: ContextSpec = {}): Promise<Analysis> {
  return predict(dockerfile, files, { images });
}

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** Builds the error of a RUN that fails in `command`, whose program `name` the shell reports as `printed`. */
function notFound(command: string, name: string, printed: string): string {
  const hint = bashBuiltins.has(name)
    ? `"${name}" is a bash builtin that this shell lacks, so it looks for a program of that name, and no folder of PATH in this stage contains one. Run the command under bash (\`bash -c '...'\` in the RUN, or a SHELL line where the builder keeps it), or use a POSIX form.`
    : `No folder of PATH in this stage contains "${name}". Install it in an earlier step, or start the stage from a base image that has it.`;
  return `This RUN ends with a non-zero exit status because "${command}" fails (${printed}), so the build fails on this line. ${hint}`;
}

/** The bash builtins of these cases, whose hint points to bash rather than to installing a program. */
const bashBuiltins = new Set(['shopt', 'declare', 'source']);

/** Returns the errors on line 2, the RUN of `FROM base` then `RUN script`. */
async function errorsOfRun(base: string, script: string): Promise<string[]> {
  return errorsOn(await run(`FROM ${base}\nRUN ${script}\n`), 2);
}

/**
 * RUNs that fail on a command that PATH does not find: the RUN's `line`, the failing `command`,
 * the `program` not found and what the shell prints, run on the same script.
 */
const notFoundCases: Array<{ name: string; dockerfile: string; line: number; command: string; program: string; printed: string }> = [
  { name: 'RUN apt-get update on BusyBox', dockerfile: 'FROM busybox-static\nRUN apt-get update', line: 2, command: 'apt-get update', program: 'apt-get', printed: '/bin/sh: apt-get: not found' },
  { name: 'RUN sudo mkdir /x on dash', dockerfile: 'FROM debian\nRUN sudo mkdir /x', line: 2, command: 'sudo mkdir /x', program: 'sudo', printed: '/bin/sh: 1: sudo: not found' },
  { name: 'RUN nosuch arg on bash as sh', dockerfile: 'FROM bash-as-sh\nRUN nosuch arg', line: 2, command: 'nosuch arg', program: 'nosuch', printed: '/bin/sh: line 1: nosuch: command not found' },
  { name: 'SHELL bash, RUN nosuch', dockerfile: 'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN nosuch', line: 3, command: 'nosuch', program: 'nosuch', printed: '/bin/bash: line 1: nosuch: command not found' },
  { name: 'RUN heredoc, nosuch on line 2', dockerfile: 'FROM debian\nRUN <<EOF\nmkdir /a\nnosuch\nEOF', line: 2, command: 'nosuch', program: 'nosuch', printed: '/bin/sh: 2: nosuch: not found' },
  { name: "RUN sh -c 'nosuch'", dockerfile: "FROM debian\nRUN sh -c 'nosuch'", line: 2, command: 'nosuch', program: 'nosuch', printed: 'sh: 1: nosuch: not found' },
  { name: 'RUN PATH=/nowhere mkdir /x', dockerfile: 'FROM debian\nRUN PATH=/nowhere mkdir /x', line: 2, command: 'mkdir /x', program: 'mkdir', printed: '/bin/sh: 1: mkdir: not found' },
  { name: 'RUN set -e; nosuch; mkdir /x', dockerfile: 'FROM debian\nRUN set -e; nosuch; mkdir /x', line: 2, command: 'nosuch', program: 'nosuch', printed: '/bin/sh: 1: nosuch: not found' },
  // The shells search on past a symlink to a missing file and report the command as not found.
  { name: 'RUN tool, a dangling symlink', dockerfile: 'FROM debian\nRUN ln -s /opt/none/tool /usr/bin/tool; tool', line: 2, command: 'tool', program: 'tool', printed: '/bin/sh: 1: tool: not found' },
  { name: 'FROM a stage of a read image', dockerfile: 'FROM debian AS base\nFROM base\nRUN mkdir /x && nosuch', line: 3, command: 'nosuch', program: 'nosuch', printed: '/bin/sh: 1: nosuch: not found' },
  // dash and BusyBox ash lack these bash builtins, so they look them up in PATH.
  { name: 'RUN shopt -s extglob on BusyBox', dockerfile: 'FROM busybox-static\nRUN shopt -s extglob', line: 2, command: 'shopt -s extglob', program: 'shopt', printed: '/bin/sh: shopt: not found' },
  { name: 'RUN shopt -s extglob on dash', dockerfile: 'FROM debian\nRUN shopt -s extglob', line: 2, command: 'shopt -s extglob', program: 'shopt', printed: '/bin/sh: 1: shopt: not found' },
  { name: 'RUN declare -a list on dash', dockerfile: 'FROM debian\nRUN declare -a list', line: 2, command: 'declare -a list', program: 'declare', printed: '/bin/sh: 1: declare: not found' },
  { name: 'RUN source /etc/profile on dash', dockerfile: 'FROM debian\nRUN source /etc/profile', line: 2, command: 'source /etc/profile', program: 'source', printed: '/bin/sh: 1: source: not found' },
];

/**
 * RUNs that do not fail: commands that the shell finds or does not look up, failures that a
 * condition ignores, and stages whose files or PATH are not surely known.
 */
const passingCases: Array<{ name: string; dockerfile: string; files?: ContextSpec }> = [
  { name: 'RUN sh -c through /usr/bin/sh -> dash', dockerfile: "FROM debian\nRUN sh -c 'mkdir /x'" },
  { name: 'RUN of builtins', dockerfile: 'FROM busybox-static\nRUN echo a > /a && test -e /a && [ -e /a ] && cd / && export X=1 && printf b && pwd && type ls' },
  { name: 'RUN nosuch || true', dockerfile: 'FROM debian\nRUN nosuch || true' },
  { name: 'RUN command -v nosuch || echo missing', dockerfile: 'FROM debian\nRUN command -v nosuch || echo missing' },
  { name: 'RUN env nosuch', dockerfile: 'FROM debian\nRUN env nosuch' },
  { name: 'RUN echo a | xargs nosuch', dockerfile: 'FROM debian\nRUN echo a | xargs nosuch' },
  { name: 'RUN find / -exec nosuch', dockerfile: 'FROM debian\nRUN find / -exec nosuch {} ;' },
  { name: 'RUN exec nosuch', dockerfile: 'FROM debian\nRUN exec nosuch' },
  { name: 'FROM an unread image', dockerfile: 'FROM ubuntu\nRUN nosuch' },
  { name: 'FROM an image whose configuration is not read', dockerfile: 'FROM debian-files\nRUN nosuch' },
  { name: 'ENV PATH naming $PATH of an unread configuration', dockerfile: 'FROM debian-files\nENV PATH=/opt/bin:$PATH\nRUN nosuch' },
  { name: 'ENV PATH with a relative folder', dockerfile: 'FROM debian\nENV PATH=bin:/usr/bin\nRUN nosuch' },
  { name: 'RUN unset PATH; nosuch', dockerfile: 'FROM debian\nRUN unset PATH; nosuch' },
  { name: 'RUN ./nosuch.sh by its path', dockerfile: 'FROM debian\nRUN ./nosuch.sh' },
  { name: 'RUN --mount', dockerfile: 'FROM debian\nRUN --mount=type=cache,target=/root/.cache nosuch' },
  { name: 'exec-form RUN', dockerfile: 'FROM debian\nRUN ["nosuch"]' },
  { name: 'RUN make install; mytool', dockerfile: 'FROM debian\nRUN make install; mytool' },
  { name: 'RUN mytool after a RUN make install', dockerfile: 'FROM debian\nRUN make install\nRUN mytool' },
  { name: 'RUN apt-get install; curl -V', dockerfile: 'FROM debian\nRUN apt-get install -y curl; curl -V' },
  { name: 'RUN f() { :; }; f', dockerfile: 'FROM debian\nRUN f() { :; }; f' },
  { name: 'RUN . /etc/profile; setup', dockerfile: 'FROM debian\nCOPY profile /etc/profile\nRUN . /etc/profile; setup', files: { profile: 'setup() { :; }\n' } },
  { name: 'RUN <<EOF with a shebang line', dockerfile: 'FROM debian\nRUN <<EOF\n#!/bin/sh\nnosuch\nEOF' },
  { name: 'SHELL bash with BASH_ENV', dockerfile: 'FROM debian\nENV BASH_ENV=/etc/functions\nSHELL ["/bin/bash", "-c"]\nRUN setup' },
  { name: 'RUN shopt -s extglob on bash as sh', dockerfile: 'FROM bash-as-sh\nRUN shopt -s extglob' },
  { name: 'RUN let and local on BusyBox', dockerfile: 'FROM busybox-static\nRUN let x=1; f() { local y; }; f' },
  { name: 'FROM scratch with an unknown shell', dockerfile: 'FROM scratch\nCOPY sh /bin/sh\nRUN nosuch', files: { sh: '#!/bin/sh\n' } },
];

describe('RUN of a command that PATH does not find', () => {
  after(removeContexts);

  describe('the error each shell prints', () => {
    for (const { name, dockerfile, line, command, program, printed } of notFoundCases) {
      it(name, async () => {
        assert.deepEqual(errorsOn(await run(`${dockerfile}\n`), line), [notFound(command, program, printed)]);
      });
    }

    it('shopt under buildah OCI format', async () => {
      const analysis = await predict('FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN shopt -s extglob\n', {}, { images, builder: 'buildah' });
      assert.deepEqual(errorsOn(analysis, 3), [notFound('shopt -s extglob', 'shopt', '/bin/sh: 1: shopt: not found')]);
    });
  });

  describe('what is found', () => {
    it('RUN mkdir /x through /bin -> usr/bin', async () => {
      const analysis = await run('FROM debian\nENV PATH=/bin\nRUN mkdir /x\n');
      assert.deepEqual(errorsOn(analysis, 3), []);
      assert.deepEqual(changesAt(analysis, 3), ['/x added directory']);
    });

    it('ENV PATH=/opt/tools/bin:$PATH finds a copied tool', async () => {
      const start = 'FROM debian\nCOPY tool /opt/tools/bin/tool\nENV PATH=/opt/tools/bin:$PATH\n';
      assert.deepEqual(errorsOn(await run(`${start}RUN tool\n`, { tool: '#!/bin/sh\n' }), 4), []);
      assert.deepEqual(errorsOn(await run(`${start}RUN nosuch\n`, { tool: '#!/bin/sh\n' }), 4), [notFound('nosuch', 'nosuch', '/bin/sh: 1: nosuch: not found')]);
    });

    it('PATH from the image configuration', async () => {
      assert.deepEqual(await errorsOfRun('conda', 'conda install -y numpy'), []);
      assert.deepEqual(await errorsOfRun('conda', 'mkdir /x'), []);
      assert.deepEqual(await errorsOfRun('conda', 'nosuch'), [notFound('nosuch', 'nosuch', '/bin/sh: 1: nosuch: not found')]);
    });
  });

  describe('failures ignored or guessed', () => {
    it('RUN if nosuch; then mkdir /x; fi', async () => {
      const analysis = await run('FROM debian\nRUN if nosuch; then mkdir /x; fi\n');
      assert.deepEqual(errorsOn(analysis, 2), []);
      assert.deepEqual(changesAt(analysis, 2), []);
    });

    it('RUN nosuch; mkdir /x without set -e', async () => {
      const analysis = await run('FROM debian\nRUN nosuch; mkdir /x\n');
      assert.deepEqual(errorsOn(analysis, 2), []);
      assert.deepEqual(changesAt(analysis, 2), ['/x added directory']);
    });

    it('RUN nosuch in a guessed branch is a note', async () => {
      const analysis = await run('FROM debian\nRUN if grep -q a /etc/hosts; then nosuch; fi\n');
      assert.deepEqual(errorsOn(analysis, 2), []);
      assert.ok(stepAt(analysis, 2).notes.some((note) => note.includes('probably ends with a non-zero exit status because "nosuch" may fail')));
    });

    it('RUN install -d /x on BusyBox is a note on its applets', async () => {
      const analysis = await run('FROM busybox-static\nRUN install -d /x\n');
      assert.deepEqual(errorsOn(analysis, 2), []);
      assert.ok(stepAt(analysis, 2).notes.some((note) => note.startsWith('No folder of PATH contains "install", so this RUN fails with "install: not found" unless the image\'s BusyBox has an applet of that name')));
    });

    it('RUN install -d /x on BusyBox is no more than estimated', async () => {
      // Debian's busybox-static has no install applet: a real classic build failed with "install: not found".
      const analysis = await run('FROM busybox-static\nRUN install -d /x\n');
      assert.equal(stepAt(analysis, 2).certainty, 'estimated');
    });

    it('RUN mkdir /x on BusyBox stays exact', async () => {
      const analysis = await run('FROM busybox-static\nRUN mkdir /x\n');
      assert.equal(stepAt(analysis, 2).certainty, 'exact');
    });
  });

  describe('RUNs that do not fail', () => {
    for (const { name, dockerfile, files } of passingCases) {
      it(name, async () => {
        const analysis = await run(`${dockerfile}\n`, files);
        assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), []);
      });
    }
  });
});
