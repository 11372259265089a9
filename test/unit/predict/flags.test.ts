import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { analyze } from '../../../src/core/analysis/analyze';
import { changesAt, makeContext, predict, removeContexts, stepSummary } from './helpers';

const errorsOf = (analysis: { problems: Array<{ severity: string; message: string }> }) => analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
const warningsOf = (analysis: { problems: Array<{ severity: string; message: string }> }) => analysis.problems.filter((problem) => problem.severity === 'warning').map((problem) => problem.message);

describe('COPY and ADD flags', () => {
  after(removeContexts);

  it('COPY --chmod=u=rw,go=r a /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chmod=u=rw,go=r a /d/\n', { a: { content: 'x', mode: 0o755 } });
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/d added directory 0755 0:0', '/d/a added file 0644 0:0']);
  });

  it('COPY --chmod=go-rwx,a+X dir/ /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chmod=go-rwx,a+X dir/ /d/\n', { 'dir/run.sh': { content: 'x', mode: 0o744 }, 'dir/data.txt': { content: 'y', mode: 0o644 } });
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/d added directory 0755 0:0', '/d/data.txt added file 0600 0:0', '/d/run.sh added file 0711 0:0']);
  });

  it('COPY --chmod=bad a /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chmod=bad a /d/\n', { a: 'x' });
    assert.equal(errorsOf(analysis).length, 1);
    assert.match(errorsOf(analysis)[0], /--chmod=bad is neither an octal mode/);
  });

  it('COPY --exclude=*.log --exclude=tmp dir/ /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --exclude=*.log --exclude=tmp dir/ /d/\n', { 'dir/a.txt': 'a', 'dir/b.log': 'b', 'dir/tmp/c.txt': 'c', 'dir/sub/d.log': 'd' });
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/a.txt added file', '/d/sub added directory', '/d/sub/d.log added file']);
  });

  it('COPY --parents a/b/c.txt x/y.txt /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents a/b/c.txt x/y.txt /d/\n', { 'a/b/c.txt': 'c', 'x/y.txt': 'y' });
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/a added directory', '/d/a/b added directory', '/d/a/b/c.txt added file', '/d/x added directory', '/d/x/y.txt added file']);
  });

  it('COPY --parents ./a/./b/*.txt /d/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --parents ./a/./b/*.txt /d/\n', { 'a/b/one.txt': '1', 'a/b/two.txt': '2' });
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/b added directory', '/d/b/one.txt added file', '/d/b/two.txt added file']);
  });

  it('COPY passwd /etc/\\nCOPY --chown=svc:staff a /d/', async () => {
    const text = 'FROM scratch\nCOPY passwd group /etc/\nCOPY --chown=svc:staff a /d/\n';
    const analysis = await predict(text, { passwd: 'root:x:0:0::/root:/bin/sh\nsvc:x:501:502::/srv:/bin/false\n', group: 'root:x:0:\nstaff:x:50:\n', a: 'x' });
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/d added directory 0755 501:50', '/d/a added file 0644 501:50']);
  });

  it('COPY --chown=ghost a /d/ without /etc/passwd', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chown=ghost a /d/\n', { a: 'x' });
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/d added directory 0755 ?:?', '/d/a added file 0644 ?:?']);
    assert.match(analysis.steps[1].notes.join(' '), /The user "ghost" is a name, so its number comes from the image's \/etc\/passwd, whose content the prediction does not know; the number is unknown\./);
  });

  it('COPY --chown=ghost a /d/ with an /etc/passwd that lacks it', async () => {
    const analysis = await predict('FROM scratch\nCOPY passwd /etc/passwd\nCOPY --chown=ghost a /d/\n', { a: 'x', passwd: 'root:x:0:0:root:/root:/bin/sh\n' });
    assert.deepEqual(errorsOf(analysis), ['The user "ghost" is not in the image\'s /etc/passwd, so the builder finds no number for it. Add the user in a RUN before this line, or give its number. The build fails on this line.']);
    assert.equal(analysis.steps[2].failed, true);
  });

  it('classic build of COPY --chown=ghost:ghost quotes the error', async () => {
    const text = 'FROM scratch\nCOPY passwd group /etc/\nCOPY --chown=ghost:ghost a /d/\n';
    const analysis = await predict(text, { a: 'x', passwd: 'root:x:0:0:root:/root:/bin/sh\n', group: 'root:x:0:\n' }, { builder: 'classic' });
    // The user is looked up first, so the missing group adds no second error.
    assert.deepEqual(errorsOf(analysis), [
      'The user "ghost" is not in the image\'s /etc/passwd, so the builder finds no number for it. Add the user in a RUN before this line, or give its number. The build fails on this line ("unable to convert uid/gid chown string to host mapping: can\'t find uid for user ghost: no such user: ghost").',
    ]);
  });

  it('COPY --chown=root:ghost with an /etc/group that lacks it', async () => {
    const text = 'FROM scratch\nCOPY passwd group /etc/\nCOPY --chown=root:ghost a /d/\n';
    const analysis = await predict(text, { a: 'x', passwd: 'root:x:0:0:root:/root:/bin/sh\n', group: 'root:x:0:\n' });
    assert.deepEqual(errorsOf(analysis), ['The group "ghost" is not in the image\'s /etc/group, so the builder finds no number for it. Add the group in a RUN before this line, or give its number. The build fails on this line.']);
  });

  it('COPY --chown=ghost after a RUN the prediction does not follow', async () => {
    // The RUN may have added the user without the prediction seeing it, so the number is only unknown.
    const text = 'FROM shell-only\nCOPY passwd /etc/passwd\nRUN ./make-users.sh\nCOPY --chown=ghost a /d/\n';
    const analysis = await predict(text, { a: 'x', passwd: 'root:x:0:0:root:/root:/bin/sh\n' });
    assert.deepEqual(errorsOf(analysis), []);
    assert.ok(analysis.steps[3].notes.includes('The user "ghost" is a name, so its number comes from the image\'s /etc/passwd, which, as the prediction knows it, does not list it, but a RUN the prediction does not follow may have changed it since; the number is unknown.'), analysis.steps[3].notes.join('\n'));
  });

  it('COPY --chown=app:app with /etc/passwd only', async () => {
    const analysis = await predict('FROM scratch\nCOPY passwd /etc/passwd\nCOPY --chown=app:app a /d/\n', { a: 'x', passwd: 'app:x:1001:1001::/home/app:/bin/sh\n' });
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/d added directory 0755 1001:?', '/d/a added file 0644 1001:?']);
    assert.deepEqual(analysis.steps[2].notes, ['The group "app" is a name, so its number comes from the image\'s /etc/group, whose content the prediction does not know; the number is unknown.']);
  });

  it('ADD --checksum=sha256:abc https://example.com/a /d/', async () => {
    const analysis = await predict('FROM scratch\nADD --checksum=sha256:abc https://example.com/a /d/\n');
    assert.match(errorsOf(analysis)[0], /--checksum=sha256:abc is invalid/);
  });

  it('ADD --checksum=sha256:<64 hex> https://example.com/a /d/', async () => {
    const digest = 'a'.repeat(64);
    const analysis = await predict(`FROM scratch\nADD --checksum=sha256:${digest} https://example.com/a /d/\n`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.match(analysis.steps[1].notes.join(' '), /checks the downloaded source against sha256:a{64}/);
  });

  it('ADD --unpack=false b.tar /d/', async () => {
    const root = makeContext({ 'payload/x.txt': 'x' });
    execFileSync('tar', ['-cf', join(root, 'b.tar'), '-C', join(root, 'payload'), 'x.txt']);
    const text = 'FROM scratch\nADD --unpack=false b.tar /d/\nADD b.tar /e/\n';
    writeFileSync(join(root, 'Dockerfile'), text);
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text });
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/b.tar added file']);
    assert.deepEqual(changesAt(analysis, 3), ['/e added directory', '/e/x.txt added file']);
  });

  it('ADD https://github.com/o/r.git /src', async () => {
    const analysis = await predict('FROM scratch\nADD https://github.com/o/r.git /src\n');
    assert.equal(analysis.steps[1].certainty, 'unknown');
    assert.match(analysis.steps[1].notes.join(' '), /leaves out the \.git folder of the repository unless --keep-git-dir/);
  });

  it('ADD --keep-git-dir=true git@github.com:o/r.git /src', async () => {
    const analysis = await predict('FROM scratch\nADD --keep-git-dir=true git@github.com:o/r.git /src\n');
    assert.match(analysis.steps[1].notes.join(' '), /The \.git folder of the repository is kept/);
  });
});

describe('builder rules', () => {
  after(removeContexts);

  it('WORKDIR /a\\nWORKDIR /a (classic)', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /a\nWORKDIR /a\n', {}, { builder: 'classic' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM empty', '2 WORKDIR layer', '3 WORKDIR empty']);
  });

  it('WORKDIR /a\\nWORKDIR /a (buildkit)', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /a\nWORKDIR /a\n');
    assert.deepEqual(stepSummary(analysis), ['1 FROM empty', '2 WORKDIR layer', '3 WORKDIR layer']);
  });

  it('WORKDIR /app\\nCOPY a . (buildah)', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /app\nCOPY a .\n', { a: 'x' }, { builder: 'buildah' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM empty', '2 WORKDIR empty', '3 COPY layer']);
    assert.deepEqual(changesAt(analysis, 3), ['/app added directory', '/app/a added file']);
  });

  it('COPY a b /d (classic)', async () => {
    const analysis = await predict('FROM scratch\nCOPY a b /d\n', { a: '1', b: '2' }, { builder: 'classic' });
    assert.match(errorsOf(analysis)[0], /classic builder needs a destination ending in "\/"/);
  });

  it('COPY a b /d (buildkit)', async () => {
    const analysis = await predict('FROM scratch\nCOPY a b /d\n', { a: '1', b: '22' });
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/d added file']);
    assert.equal(analysis.stack.lookup('/d')?.entry.size, 2);
    assert.deepEqual(warningsOf(analysis), ['Several sources go to /d, which does not end in "/": BuildKit copies each onto that path, so only the last one stays. Write "/d/" to copy them into a folder.']);
  });

  it('COPY *.py /d (classic, buildkit)', async () => {
    const files = { 'a.py': '1', 'b.py': '22' };
    const classic = await predict('FROM scratch\nCOPY *.py /d\n', files, { builder: 'classic' });
    assert.match(errorsOf(classic)[0], /classic builder needs a destination ending in "\/"/);
    const buildkit = await predict('FROM scratch\nCOPY *.py /d\n', files);
    assert.deepEqual(changesAt(buildkit, 2), ['/d added file']);
    assert.equal(buildkit.stack.lookup('/d')?.entry.size, 2);
  });

  it('WORKDIR /d\nCOPY a b /d (buildkit)', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /d\nCOPY a b /d\n', { a: '1', b: '22' });
    assert.deepEqual(changesAt(analysis, 3), ['/d/a added file', '/d/b added file']);
    assert.deepEqual(warningsOf(analysis), []);
  });

  it('COPY f /f\nCOPY src/ /f', async () => {
    const analysis = await predict('FROM scratch\nCOPY f /f\nCOPY src/ /f\n', { f: '1', 'src/x': '2' });
    assert.deepEqual(errorsOf(analysis), ['This COPY writes a folder at /f, where a file is: BuildKit fails with "cannot copy to non-directory". Remove the file first or copy to another path.']);
  });

  it('COPY f /f\nCOPY a /f/', async () => {
    const analysis = await predict('FROM scratch\nCOPY f /f\nCOPY a /f/\n', { f: '1', a: '2' });
    assert.deepEqual(changesAt(analysis, 3), []);
    assert.deepEqual(errorsOf(analysis), ['/f is a file in a lower layer, so this COPY cannot write into /f/ ("not a directory"). The build fails on this line.']);
  });

  it('COPY f /f\nCOPY a /f/sub/ (classic)', async () => {
    const analysis = await predict('FROM scratch\nCOPY f /f\nCOPY a /f/sub/\n', { f: '1', a: '2' }, { builder: 'classic' });
    assert.deepEqual(errorsOf(analysis), ['/f is a file in a lower layer, so this COPY cannot write into /f/sub ("not a directory"). The build fails on this line.']);
  });

  it('COPY f /f\nWORKDIR /f/w', async () => {
    const analysis = await predict('FROM scratch\nCOPY f /f\nWORKDIR /f/w\n', { f: '1' });
    assert.deepEqual(errorsOf(analysis), ['/f is a file in a lower layer, so WORKDIR cannot make the folder /f/w ("not a directory"). The build fails on this line.']);
  });

  it('COPY a ./ /t (buildkit)', async () => {
    const analysis = await predict('FROM scratch\nCOPY a ./ /t\n', { a: '1' });
    assert.match(errorsOf(analysis)[0], /writes a folder at \/t, where a file is/);
  });

  it('COPY src/ /d\nCOPY src/ /d', async () => {
    const analysis = await predict('FROM scratch\nCOPY src/ /d\nCOPY src/ /d\n', { 'src/x': '2' });
    assert.deepEqual(errorsOf(analysis), []);
  });

  it('COPY a b /d (buildah)', async () => {
    const analysis = await predict('FROM scratch\nCOPY a b /d\n', { a: '1', b: '2' }, { builder: 'buildah' });
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/a added file', '/d/b added file']);
  });

  it('COPY none-* /d/ (buildah, buildkit)', async () => {
    const buildah = await predict('FROM scratch\nCOPY none-* /d/\n', {}, { builder: 'buildah' });
    assert.deepEqual(buildah.problems.map((problem) => problem.message), [
      '"none-*" matches nothing in the build context, and this builder fails the build when no source of a COPY matches. The build fails on this line.',
    ]);
    const buildkit = await predict('FROM scratch\nCOPY none-* /d/\n');
    assert.deepEqual(errorsOf(buildkit), []);
  });

  it('COPY missing.txt /d/ (classic)', async () => {
    const analysis = await predict('FROM scratch\nCOPY missing.txt /d/\n', {}, { builder: 'classic' });
    assert.equal(errorsOf(analysis).length, 1);
    assert.match(errorsOf(analysis)[0], /^The source "missing.txt" was not found in the build context/);
  });

  it('COPY --chmod=644 a /d/ (classic)', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chmod=644 a /d/\n', { a: 'x' }, { builder: 'classic' });
    assert.match(errorsOf(analysis)[0], /rejects --chmod/);
  });

  it('RUN --mount=type=cache,target=/c true (classic)', async () => {
    const analysis = await predict('FROM scratch\nRUN --mount=type=cache,target=/c true\n', {}, { builder: 'classic' });
    assert.match(errorsOf(analysis)[0], /classic builder rejects RUN --mount/);
  });

  it('COPY --link a /d/ (buildah)', async () => {
    const analysis = await predict('FROM scratch\nCOPY --link a /d/\n', { a: 'x' }, { builder: 'buildah' });
    assert.match(errorsOf(analysis)[0], /buildah 1\.28 rejects --link/);
  });

  it('COPY links/ /d/\\nCOPY new /d/link (classic)', async () => {
    const files = { 'links/target.txt': 'old', 'links/link': { link: 'target.txt' }, new: 'new content' };
    const dockerfile = 'FROM scratch\nCOPY links/ /d/\nCOPY new /d/link\n';
    // Classic and BuildKit write through a link named as the destination; buildah replaces it.
    for (const builder of ['classic', 'buildkit'] as const) {
      assert.deepEqual(changesAt(await predict(dockerfile, files, { builder }), 3), ['/d/target.txt modified file'], builder);
    }
    assert.deepEqual(changesAt(await predict(dockerfile, files, { builder: 'buildah' }), 3), ['/d/link modified file']);
  });

  it('COPY into a folder replaces a link there (BuildKit)', async () => {
    const files = { 'links/target.txt': 'old', 'links/link': { link: 'target.txt' }, 'new/link': 'new content' };
    const analysis = await predict('FROM scratch\nCOPY links/ /d/\nCOPY new/ /d/\n', files);
    assert.deepEqual(changesAt(analysis, 3), ['/d/link modified file']);
  });
});
