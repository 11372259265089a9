import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { changesAt, makeContext, predict, removeContexts, stepAt } from './helpers';
import { analyze } from '../../../src/core/analysis/analyze';

describe('COPY and ADD sources', () => {
  after(removeContexts);

  it('classic error names the excluding line', async () => {
    const analysis = await predict('FROM scratch\nCOPY *.log /logs/\n', { '.dockerignore': '*.log\n', 'debug.log': 'x' }, { builder: 'classic' });
    const messages = analysis.problems.map((problem) => problem.message.replace(/ \S+\.dockerignore /, ' .dockerignore '));
    assert.deepEqual(messages, [
      '"*.log" matches nothing in the build context, and this builder fails the build when no source of a COPY matches. Line 1 of .dockerignore ("*.log") excludes debug.log, which it would match. The build fails on this line ("no source files were specified").',
    ]);
  });

  it('wildcard emptied by .dockerignore names the line', async () => {
    const files = { '.dockerignore': '# logs\n*.log\ntmp\n', 'debug.log': 'x', 'tmp/a.txt': 'y', 'app.txt': 'z' };
    const analysis = await predict('FROM scratch\nCOPY *.log /logs/\nCOPY tmp/*.txt /t/\nCOPY *.md /docs/\n', files);
    const messages = analysis.problems.map((problem) => `${problem.line}: ${problem.message.replace(/ \S+\.dockerignore /, ' .dockerignore ')}`);
    assert.deepEqual(messages, [
      '2: "*.log" matches nothing in the build context, so it copies nothing. Line 2 of .dockerignore ("*.log") excludes debug.log, which it would match.',
      '3: "tmp/*.txt" matches nothing in the build context, so it copies nothing. Line 3 of .dockerignore ("tmp") excludes tmp/a.txt, which it would match.',
      '4: "*.md" matches nothing in the build context, so it copies nothing.',
    ]);
  });

  it('wildcard in a folder segment emptied by .dockerignore names the line', async () => {
    const files = { '.dockerignore': 'config/secret\n*/*.key\n', 'config/secret/app.json': '1', 'config/public.txt': '2', 'certs/site.key': '3' };
    const analysis = await predict('FROM scratch\nCOPY config/*/app.json /c/\nCOPY */*.key /k/\nCOPY */none.txt /n/\n', files);
    const messages = analysis.problems.map((problem) => `${problem.line}: ${problem.message.replace(/ \S+\.dockerignore /, ' .dockerignore ')}`);
    assert.deepEqual(messages, [
      '2: "config/*/app.json" matches nothing in the build context, so it copies nothing. Line 1 of .dockerignore ("config/secret") excludes config/secret/app.json, which it would match.',
      '3: "*/*.key" matches nothing in the build context, so it copies nothing. Line 2 of .dockerignore ("*/*.key") excludes certs/site.key, which it would match.',
      '4: "*/none.txt" matches nothing in the build context, so it copies nothing.',
    ]);
  });

  it('wildcard hint stops after 200 folder reads', async () => {
    const files: Record<string, string> = { '.dockerignore': 'z/secret\n', 'z/secret/app.json': '1' };
    for (let i = 0; i < 200; i++) files[`d${String(i).padStart(3, '0')}/x/other.txt`] = '2';
    const analysis = await predict('FROM scratch\nCOPY */*/app.json /c/\n', files);
    const messages = analysis.problems.map((problem) => problem.message);
    assert.deepEqual(messages, ['"*/*/app.json" matches nothing in the build context, so it copies nothing.']);
  });

  it('COPY src /app copies the folder contents, not the folder', async () => {
    const analysis = await predict('FROM scratch\nCOPY src /app\n', { 'src/a.py': '1', 'src/lib/b.py': '22' });
    assert.deepEqual(changesAt(analysis, 2), ['/app added directory', '/app/a.py added file', '/app/lib added directory', '/app/lib/b.py added file']);
  });

  it('COPY s* /dst/ copies a matched folder\'s contents too', async () => {
    const analysis = await predict('FROM scratch\nCOPY s* /dst/\n', { 'src/a': '1', 'setup.cfg': '2', other: '3' });
    assert.deepEqual(changesAt(analysis, 2), ['/dst added directory', '/dst/a added file', '/dst/setup.cfg added file']);
  });

  it('COPY file[0-9].txt [^o]* /d/ follows Go filepath.Match', async () => {
    const files = { 'file1.txt': '1', 'fileA.txt': '2', other: '3', keep: '4' };
    const analysis = await predict('FROM scratch\nCOPY file[0-9].txt k[^o]ep /d/\n', files);
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/file1.txt added file', '/d/keep added file']);
  });

  it('COPY *.none /d/ matches nothing: a warning and no files', async () => {
    const analysis = await predict('FROM scratch\nCOPY *.none /d/\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}`), ['2 warning']);
  });

  it('COPY missing /d/ is an error on its line', async () => {
    const analysis = await predict('FROM scratch\nCOPY missing /d/\n');
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}`), ['2 error']);
  });

  it('COPY v1/a v2/a /d/ lets the later source win', async () => {
    const analysis = await predict('FROM scratch\nCOPY v1/a v2/a /d/\n', { 'v1/a': '1', 'v2/a': '22' });
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/a added file']);
    assert.equal(analysis.stack.lookup('/d/a')?.entry.size, 2);
  });

  it('WORKDIR /srv\\nCOPY a conf/ resolves against WORKDIR', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /srv\nCOPY a conf/\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 3), ['/srv/conf added directory', '/srv/conf/a added file']);
  });

  it('COPY a /name writes a file; COPY a /dir/ writes into the folder', async () => {
    const analysis = await predict('FROM scratch\nCOPY a /name\nCOPY a /dir/\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 2), ['/name added file']);
    assert.deepEqual(changesAt(analysis, 3), ['/dir added directory', '/dir/a added file']);
  });

  it('COPY a /existing copies into a folder that already exists', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /existing\nCOPY a /existing\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 3), ['/existing/a added file']);
  });

  it('COPY tree /t keeps symlinks inside, dangling ones too', async () => {
    const analysis = await predict('FROM scratch\nCOPY tree /t\n', { 'tree/real': 'x', 'tree/link': { link: 'real' }, 'tree/dangling': { link: 'nowhere' } });
    assert.deepEqual(changesAt(analysis, 2), ['/t added directory', '/t/dangling added symlink', '/t/link added symlink', '/t/real added file']);
  });

  it('COPY link /x follows a symlink named as the source', async () => {
    const analysis = await predict('FROM scratch\nCOPY link /x\n', { real: 'abcd', link: { link: 'real' } });
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
    assert.equal(analysis.stack.lookup('/x')?.entry.size, 4);
  });

  it('COPY --chown=10:20 --chmod=0600 a /d/ sets owner and mode', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chown=10:20 --chmod=0600 a /d/\n', { a: '1' });
    // BuildKit's copier creates the destination folder with the octal --chmod mode too.
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/d added directory 0600 10:20', '/d/a added file 0600 10:20']);
    assert.equal(analysis.stack.lookup('/d')?.entry.certainty, 'estimated');
  });

  it('classic reads only the context\'s .dockerignore', async () => {
    const files = { '.dockerignore': 'root-ignored.txt\n', 'Dockerfile.dockerignore': 'dockerfile-ignored.txt\n', 'root-ignored.txt': '1', 'dockerfile-ignored.txt': '2' };
    const dockerfile = 'FROM scratch\nCOPY *.txt /d/\n';
    const buildkit = await predict(dockerfile, files);
    assert.deepEqual(changesAt(buildkit, 2), ['/d added directory', '/d/root-ignored.txt added file']);
    const classic = await predict(dockerfile, files, { builder: 'classic' });
    assert.deepEqual(changesAt(classic, 2), ['/d added directory', '/d/dockerfile-ignored.txt added file']);
  });

  describe('a source above the context folder', () => {
    const dockerfile = 'FROM scratch\nCOPY ../a /x/\nCOPY sub/../../a /y/\n';

    it('is rejected by classic', async () => {
      const analysis = await predict(dockerfile, { a: '1', 'sub/b': '2' }, { builder: 'classic' });
      const errors = analysis.problems.filter((problem) => problem.severity === 'error');
      assert.deepEqual(errors.map((problem) => problem.line), [2, 3]);
      assert.match(errors[0].message, /forbidden path outside the build context/);
    });

    it('reads the context top under BuildKit and buildah', async () => {
      for (const builder of ['buildkit', 'buildah'] as const) {
        const analysis = await predict(dockerfile, { a: '1', 'sub/b': '2' }, { builder });
        assert.deepEqual(analysis.problems, [], builder);
        assert.deepEqual(changesAt(analysis, 2), ['/x added directory', '/x/a added file'], builder);
        assert.deepEqual(changesAt(analysis, 3), ['/y added directory', '/y/a added file'], builder);
      }
    });
  });

  describe('folders created above the destination', () => {
    const copies = 'FROM scratch\nCOPY --chown=7:7 a /new/path/a\nCOPY --chown=7:7 dir /n3/q/dir\n';
    const files = { a: '1', 'dir/x': '2' };

    it('get the --chown owner under BuildKit and buildah', async () => {
      for (const builder of ['buildkit', 'buildah'] as const) {
        const analysis = await predict(copies, files, { builder });
        assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/new added directory 0755 7:7', '/new/path added directory 0755 7:7', '/new/path/a added file 0644 7:7'], builder);
        assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/n3 added directory 0755 7:7', '/n3/q added directory 0755 7:7', '/n3/q/dir added directory 0755 7:7', '/n3/q/dir/x added file 0644 7:7'], builder);
      }
    });

    it('stay root above a copied folder under classic', async () => {
      const analysis = await predict(copies, files, { builder: 'classic' });
      assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/new added directory 0755 7:7', '/new/path added directory 0755 7:7', '/new/path/a added file 0644 7:7']);
      assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/n3 added directory 0755 0:0', '/n3/q added directory 0755 0:0', '/n3/q/dir added directory 0755 7:7', '/n3/q/dir/x added file 0644 7:7']);
    });

    it('take an octal --chmod under BuildKit', async () => {
      const analysis = await predict('FROM scratch\nCOPY --chmod=0640 a /m/deep/a\nCOPY --chmod=u=rw,go=r a /s/deep/a\n', files);
      assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/m added directory 0640 0:0', '/m/deep added directory 0640 0:0', '/m/deep/a added file 0640 0:0']);
      assert.equal(analysis.stack.lookup('/m/deep')?.entry.certainty, 'estimated');
      assert.match(stepAt(analysis, 2).notes.join(' '), /earlier versions made them 0755/);
      assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/s added directory 0755 0:0', '/s/deep added directory 0755 0:0', '/s/deep/a added file 0644 0:0']);
    });

    it('keep 0755 under buildah with --chmod', async () => {
      const analysis = await predict('FROM scratch\nCOPY --chmod=0640 a /m/deep/a\n', files, { builder: 'buildah' });
      assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/m added directory 0755 0:0', '/m/deep added directory 0755 0:0', '/m/deep/a added file 0640 0:0']);
    });
  });

  it('COPY of a setuid file drops the setuid bit', async () => {
    const analysis = await predict('FROM scratch\nCOPY tool /bin/\n', { tool: { content: '#!/bin/sh\n', mode: 0o4755 } });
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/bin added directory 0755 0:0', '/bin/tool added file 0755 0:0']);
  });

  it('COPY --from=build /out/ /opt/ reads the stage, keeping owners', async () => {
    const text = 'FROM scratch AS build\nCOPY --chown=7:7 a /out/a\nFROM scratch\nCOPY --from=build /out/ /opt/\n';
    const analysis = await predict(text, { a: '1' });
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/opt added directory 0755 0:0', '/opt/a added file 0644 7:7']);
  });

  it('COPY --from=0 names a stage by index', async () => {
    const analysis = await predict('FROM scratch\nCOPY a /a\nFROM scratch\nCOPY --from=0 /a /b\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 4), ['/b added file']);
  });

  it('COPY --from=nginx:alpine is an external image of unknown contents', async () => {
    const analysis = await predict('FROM scratch\nCOPY --from=nginx:alpine /etc/nginx /etc/nginx\n');
    assert.equal(analysis.steps[1].certainty, 'unknown');
    assert.match(analysis.steps[1].notes[0], /nginx:alpine/);
  });

  it('ADD https://example.com/app.tgz /opt/ adds one file of unknown size', async () => {
    const analysis = await predict('FROM scratch\nADD https://example.com/dl/app.tgz /opt/\n');
    assert.deepEqual(changesAt(analysis, 2), ['/opt added directory', '/opt/app.tgz added file']);
    assert.equal(analysis.stack.lookup('/opt/app.tgz')?.entry.size, null);
  });

  it('ADD bundle.tar.gz /opt/ lists the extracted members', async () => {
    const root = makeContext({ 'payload/bin/run.sh': 'echo', 'payload/readme': 'hi' });
    execFileSync('tar', ['-czf', join(root, 'bundle.tar.gz'), '-C', join(root, 'payload'), 'bin', 'readme']);
    const text = 'FROM scratch\nADD bundle.tar.gz /opt/\nCOPY bundle.tar.gz /raw/\n';
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text });
    assert.deepEqual(changesAt(analysis, 2), ['/opt added directory', '/opt/bin added directory', '/opt/bin/run.sh added file', '/opt/readme added file']);
    assert.deepEqual(changesAt(analysis, 3), ['/raw added directory', '/raw/bundle.tar.gz added file']);
  });

  it('.dockerignore keeps excluded files out of COPY . /app', async () => {
    const analysis = await predict('FROM scratch\nCOPY . /app\n', { '.dockerignore': '*.log\n!keep.log\n', 'a.log': 'x', 'keep.log': 'y', 'main.py': 'z' });
    assert.deepEqual(changesAt(analysis, 2), ['/app added directory', '/app/.dockerignore added file', '/app/Dockerfile added file', '/app/keep.log added file', '/app/main.py added file']);
  });

  it('a missing context folder is a problem, not a crash', async () => {
    const analysis = await analyze({ dockerfilePath: '/nonexistent/Dockerfile', text: 'FROM scratch\nCOPY a /a\n' });
    assert.equal(analysis.steps[1].certainty, 'unknown');
    assert.equal(analysis.problems[0].severity, 'error');
  });
});

describe('COPY --from a stage with unknown files', () => {
  after(removeContexts);

  it('COPY --from=build /app/deps /deps after RUN make is unknown', async () => {
    const analysis = await predict('FROM shell-only AS build\nCOPY a /app/deps/a\nRUN make\nFROM scratch\nCOPY --from=build /app/deps /deps\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 5), ['/deps added directory', '/deps/a added file']);
    assert.equal(analysis.steps[1].certainty, 'unknown');
  });

  // buildah leaves its mount points in a RUN's layer, which named no place for the unknown files.
  it('COPY --from=build /src /dst after RUN ./gen.sh under buildah is unknown', async () => {
    const analysis = await predict('FROM alpine:3.20 AS build\nWORKDIR /src\nCOPY x /src/x\nRUN ./gen.sh\nFROM alpine:3.20\nCOPY --from=build /src /dst\n', { x: 'x', 'gen.sh': '' }, { builder: 'buildah' });
    assert.equal(analysis.steps[1].certainty, 'unknown');
    assert.ok(analysis.steps[1].notes.some((note) => note.includes('/src may hold more than is listed here')), analysis.steps[1].notes.join('\n'));
  });

  it('COPY --from=build /etc/passwd names the stage base image', async () => {
    const analysis = await predict('FROM alpine:3.20 AS build\nRUN echo built > /app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\n');
    assert.ok(analysis.steps[1].notes.some((note) => note.startsWith('"/etc/passwd" is not among the files predicted for stage "build", so it probably comes from that stage\'s base image')), analysis.steps[1].notes.join('\n'));
  });

  it('COPY --from=base /usr/local /x reads an unread base image: unknown', async () => {
    const analysis = await predict('FROM alpine AS base\nFROM scratch\nCOPY --from=base /usr/local /x\n');
    assert.equal(analysis.steps[1].certainty, 'unknown');
  });

  it('COPY --from=build /out/missing /m after mkdir -p /out', async () => {
    const analysis = await predict('FROM alpine AS build\nRUN mkdir -p /out && echo built > /out/app\nFROM scratch\nCOPY --from=build /out/missing /m\n');
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}`), ['4 warning']);
    assert.equal(analysis.problems[0].message, '"/out/missing" is missing from stage "build", because the folder /out that this Dockerfile made there lists no such path. The build fails on this line ("not found").');
    assert.deepEqual(changesAt(analysis, 4), []);
  });

  it('COPY --from=build /out/app/x /x below a file', async () => {
    const analysis = await predict('FROM alpine AS build\nRUN mkdir -p /out && echo built > /out/app\nFROM scratch\nCOPY --from=build /out/app/x /x\n');
    assert.match(analysis.problems[0]?.message ?? '', /because \/out\/app is a file there/);
  });

  it('COPY --from=build /out/missing /m after RUN make', async () => {
    const analysis = await predict('FROM alpine AS build\nRUN mkdir -p /out\nRUN make\nFROM scratch\nCOPY --from=build /out/missing /m\n');
    assert.deepEqual(analysis.problems, []);
    assert.deepEqual(changesAt(analysis, 5), ['/m added file']);
  });

  it('COPY --from=build /out/*.txt /m/ matching nothing', async () => {
    const analysis = await predict('FROM alpine AS build\nRUN mkdir -p /out\nFROM scratch\nCOPY --from=build /out/*.txt /m/\n');
    assert.deepEqual(analysis.problems, []);
  });

  it('COPY --from=build /usr/bin/env /env of an unread base', async () => {
    const analysis = await predict('FROM alpine AS build\nFROM scratch\nCOPY --from=build /usr/bin/env /env\n');
    const env = analysis.stack.lookup('/env')?.entry;
    assert.equal(env?.type, 'file');
    assert.equal(env?.size, null);
    assert.equal(env?.certainty, 'unknown');
    assert.deepEqual(analysis.problems, []);
  });

  it('COPY --from=build /app/dist /srv after RUN make', async () => {
    const analysis = await predict('FROM shell-only AS build\nRUN make\nFROM scratch\nCOPY --from=build /app/dist /srv\nCOPY a /srv/a\n', { a: '1' });
    const srv = analysis.stack.lookup('/srv', stepAt(analysis, 4).index)?.entry;
    assert.equal(srv?.type, 'file');
    assert.equal(srv?.size, null);
    assert.match(stepAt(analysis, 4).notes[0], /Whether it is a file or a folder is unknown/);
    assert.deepEqual(analysis.problems, []);
  });

  it('COPY --from=build /app/dist /srv/ after RUN make', async () => {
    const analysis = await predict('FROM shell-only AS build\nRUN make\nFROM scratch\nCOPY --from=build /app/dist /srv/\n');
    const srv = analysis.stack.lookup('/srv')?.entry;
    assert.equal(srv?.type, 'directory');
    assert.equal(srv?.size, 0);
    assert.equal(srv?.certainty, 'unknown');
  });

  it('COPY --from=build /app/dist/ /srv after RUN make', async () => {
    const analysis = await predict('FROM shell-only AS build\nRUN make\nFROM scratch\nCOPY --from=build /app/dist/ /srv\n');
    assert.equal(analysis.stack.lookup('/srv')?.entry.type, 'directory');
  });

  it('COPY --from=build /out/a /a of a listed file stays exact', async () => {
    const analysis = await predict('FROM scratch AS build\nCOPY a /out/a\nFROM scratch\nCOPY --from=build /out/a /a\n', { a: '1' });
    assert.equal(analysis.steps[1].certainty, 'exact');
  });
});

describe('named build contexts', () => {
  after(removeContexts);

  it('COPY --from=assets / /srv/ reads the named context', async () => {
    const assets = makeContext({ 'logo.svg': '<svg/>', 'css/site.css': 'body{}' });
    const root = makeContext({ Dockerfile: 'FROM scratch\nCOPY --from=assets / /srv/\n' });
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text: 'FROM scratch\nCOPY --from=assets / /srv/\n', namedContexts: { assets } });
    assert.deepEqual(changesAt(analysis, 2), ['/srv added directory', '/srv/css added directory', '/srv/css/site.css added file', '/srv/logo.svg added file']);
    assert.equal(analysis.steps[1].certainty, 'exact');
  });

  it('a named context overrides a stage of the same name', async () => {
    const other = makeContext({ 'a.txt': 'from the folder' });
    const text = 'FROM scratch AS deps\nCOPY a.txt /a.txt\nFROM scratch\nCOPY --from=deps /a.txt /a.txt\n';
    const root = makeContext({ Dockerfile: text, 'a.txt': 'x' });
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text, namedContexts: { deps: other } });
    assert.equal(analysis.stack.lookup('/a.txt')?.entry.size, 'from the folder'.length);
  });

  it('a missing named context folder is a problem', async () => {
    const root = makeContext({ Dockerfile: 'FROM scratch\n' });
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text: 'FROM scratch\n', namedContexts: { gone: '/nonexistent/folder' } });
    assert.match(analysis.problems[0].message, /^--build-context gone=DIR names \/nonexistent\/folder, which cannot be opened \(not found\)\./);
  });
});
