import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Analysis, Problem } from '../../../../src/core/analysis/types';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import { looksLikeCredential } from '../../../../src/core/predict/run/credentials';
import { predict, removeContexts, testImages } from '../helpers';
import { makePemPair } from './pemFiles';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'waste-advice');

/**
 * Analyses a fixture. `secret-copy`: `COPY id_rsa` (12 bytes), a RUN that changes its mode, and a
 * RUN that deletes it. `secret-npmrc`: `COPY .npmrc package.json ./`, `RUN npm ci`, and a RUN that
 * deletes the `.npmrc`. `secret-chmod`: `COPY id_rsa`, `RUN chmod`, another COPY, a RUN that
 * appends to the key, and a RUN that deletes it.
 */
async function analyzeFixture(name: string, builder: BuilderKind): Promise<Analysis> {
  const dockerfilePath = join(fixtures, name, 'Dockerfile');
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), builder, images: testImages });
}

/** Returns the one problem whose message starts "This RUN deletes" on `line`. */
function deletionHint(analysis: Analysis, line: number): Problem {
  const hints = analysis.problems.filter((problem) => problem.line === line && problem.message.startsWith('This RUN deletes'));
  assert.equal(hints.length, 1, `deletion hints on line ${line}: ${JSON.stringify(analysis.problems)}`);
  return hints[0];
}

/** The remedy for a credential that a COPY names as a source and no RUN uses. */
const dropNamedSource = 'drop them from the sources of the COPY instead (a .dockerignore line would make the COPY fail, because the COPY names them as sources)';

describe('waste hints for deleted credentials', () => {
  after(removeContexts);

  it('COPY id_rsa, RUN chmod, RUN rm', async () => {
    const hint = deletionHint(await analyzeFixture('secret-copy', 'buildkit'), 4);
    assert.equal(hint.severity, 'warning');
    // Only a chmod touches the key, which needs no secret mount.
    assert.equal(hint.message,
      'This RUN deletes /root/.ssh/id_rsa, written by line 2 (COPY) and line 3 (RUN). The image still holds those bytes (12 B, not counting older versions) in those earlier layers, ' +
      'so anyone who pulls the image can read /root/.ssh/id_rsa, which looks like a credential; ' +
      'drop them from the sources of the COPY instead (a .dockerignore line would make the COPY fail, because the COPY names them as sources), ' +
      'and drop the chmod, chown or chgrp of them from the RUN on line 3, which only changes their mode or owner.');
    // The lowest layer is a COPY, which no quick fix merges into.
    assert.deepEqual(hint.writtenBy, { line: 2, paths: ['/root/.ssh/id_rsa'] });
  });

  it('COPY id_rsa, RUN chmod, COPY, RUN echo >> id_rsa, RUN rm', async () => {
    const hint = deletionHint(await analyzeFixture('secret-chmod', 'buildkit'), 6);
    assert.ok(hint.message.includes('mount it as a build secret for the RUN on line 5 (RUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa'), hint.message);
  });

  it('COPY .npmrc package.json ./, RUN npm ci, RUN rm under BuildKit', async () => {
    const hint = deletionHint(await analyzeFixture('secret-npmrc', 'buildkit'), 5);
    assert.equal(hint.severity, 'warning');
    // npm reads the .npmrc without naming it, so leaving it out of the COPY would break the install.
    assert.ok(hint.message.endsWith('; do not copy it: mount it as a build secret for the RUN on line 4 ' +
      '(RUN --mount=type=secret,id=npmrc,target=/app/.npmrc, and build with --secret id=npmrc,src=.npmrc), ' +
      'or use it in an earlier stage of a multi-stage build and copy only what that stage produces.'), hint.message);
  });

  it('COPY .npmrc package.json ./, RUN npm ci, RUN rm under the classic builder', async () => {
    const hint = deletionHint(await analyzeFixture('secret-npmrc', 'classic'), 5);
    assert.equal(hint.severity, 'warning');
    assert.ok(hint.message.includes('do not copy it: the classic builder cannot mount build secrets, so build with BuildKit and mount it for the RUN on line 4'), hint.message);
    assert.ok(!hint.message.includes('--secret id='), hint.message);
  });

  it('a RUN that names the tool in quotes', async () => {
    const dockerfile = 'FROM shell-only\nCOPY .npmrc /root/.npmrc\nRUN "npm" ci\nRUN rm /root/.npmrc\n';
    const hint = deletionHint(await predict(dockerfile, { '.npmrc': '//registry/:_authToken=x\n' }), 4);
    assert.ok(hint.message.includes('mount it as a build secret for the RUN on line 3'), hint.message);
  });

  for (const reader of ['cat "/root/my key.pem"', "cat '/root/my key.pem'", 'cat /root/my\\ key.pem', 'A="x y" cat "/root/my key.pem" | wc -c']) {
    it(`RUN ${reader}`, async () => {
      const dockerfile = `FROM shell-only\nCOPY ["my key.pem", "/root/my key.pem"]\nRUN ${reader}\nRUN rm "/root/my key.pem"\n`;
      const hint = deletionHint(await predict(dockerfile, { 'my key.pem': '-----BEGIN PRIVATE KEY-----\n' }), 4);

      assert.equal(hint.severity, 'warning');
      assert.ok(hint.message.includes('mount it as a build secret for the RUN on line 3 (RUN --mount=type=secret,id=my_key.pem,target=/root/my key.pem, and build with --secret id=my_key.pem,src=my key.pem)'), hint.message);
    });
  }

  const heredocReaders: Array<[string, string]> = [
    ['RUN <<EOF', 'heredoc script reads the key'],
    ["RUN sh -eu <<'EOF'", 'heredoc given to sh'],
    ['RUN cat <<EOF | sh', 'heredoc piped to sh'],
  ];
  for (const [line, title] of heredocReaders) {
    it(title, async () => {
      const dockerfile = `FROM shell-only\nCOPY id_rsa /root/.ssh/id_rsa\n${line}\nset -e\ncat /root/.ssh/id_rsa > /dev/null\nEOF\nRUN rm /root/.ssh/id_rsa\n`;
      const hint = deletionHint(await predict(dockerfile, { id_rsa: '-----BEGIN OPENSSH PRIVATE KEY-----\n' }), 7);

      assert.equal(hint.severity, 'warning');
      assert.ok(hint.message.includes('mount it as a build secret for the RUN on line 3 (RUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa'), hint.message);
    });
  }

  it('heredoc that a RUN writes to a file', async () => {
    // The body is the text of /notes.txt, which names the key but runs nothing.
    const dockerfile = 'FROM shell-only\nCOPY key.pem /root/key.pem\nRUN cat <<EOF > /notes.txt\ncat /root/key.pem\nEOF\nRUN rm /root/key.pem\n';
    const hint = deletionHint(await predict(dockerfile, { 'key.pem': '-----BEGIN PRIVATE KEY-----\n' }), 6);
    assert.ok(!hint.message.includes('build secret'), hint.message);
  });

  it('key named in a comment only', async () => {
    const dockerfile = 'FROM shell-only\nCOPY key.pem /root/key.pem\nRUN echo done # cat /root/key.pem\nRUN rm /root/key.pem\n';
    const hint = deletionHint(await predict(dockerfile, { 'key.pem': '-----BEGIN PRIVATE KEY-----\n' }), 4);

    assert.ok(!hint.message.includes('build secret'), hint.message);
    // The RUN runs only echo, so it changes no mode or owner either.
    assert.ok(hint.message.endsWith(`; ${dropNamedSource}.`), hint.message);
  });

  it('file named in a comment only', async () => {
    const dockerfile = 'FROM shell-only\nCOPY notes.txt /notes.txt\nRUN echo done # cat /notes.txt\nRUN rm /notes.txt\n';
    const hint = deletionHint(await predict(dockerfile, { 'notes.txt': 'hello\n' }), 4);
    assert.ok(hint.message.endsWith('; leave them out of the COPY (a narrower source or a .dockerignore line) instead.'), hint.message);
  });

  it('credential that no later RUN uses', async () => {
    const dockerfile = 'FROM shell-only\nCOPY .npmrc /root/.npmrc\nRUN echo build > /out.txt\nRUN rm /root/.npmrc\n';
    const hint = deletionHint(await predict(dockerfile, { '.npmrc': '//registry/:_authToken=x\n' }), 4);
    assert.ok(hint.message.endsWith(`; ${dropNamedSource}.`), hint.message);
  });

  it('credential a folder COPY picked up', async () => {
    const dockerfile = 'FROM shell-only\nCOPY . /app\nRUN rm /app/.env\n';
    const hint = deletionHint(await predict(dockerfile, { '.env': 'TOKEN=1\n', 'app.py': 'print(1)\n' }), 3);

    assert.ok(hint.message.endsWith('; leave them out of the COPY (a narrower source or a .dockerignore line) instead.'), hint.message);
  });

  it('docker login file and a RUN that runs docker', async () => {
    const dockerfile = 'FROM shell-only\nCOPY config.json /root/.docker/config.json\nRUN docker pull example/app || true\nRUN rm /root/.docker/config.json\n';
    const hint = deletionHint(await predict(dockerfile, { 'config.json': '{"auths":{}}\n' }), 4);
    assert.ok(hint.message.includes('mount it as a build secret for the RUN on line 3'), hint.message);
  });

  it('credential in a stage a later stage copies from', async () => {
    const dockerfile = [
      'FROM shell-only AS build',
      'COPY .npmrc /root/.npmrc',
      'RUN cat /root/.npmrc > /dev/null && echo built > /out.txt',
      'RUN rm /root/.npmrc',
      'FROM scratch',
      'COPY --from=build /out.txt /out.txt',
      '',
    ].join('\n');
    const hint = deletionHint(await predict(dockerfile, { '.npmrc': '//registry/:_authToken=x\n' }, { target: 'build' }), 4);
    assert.equal(hint.severity, 'warning');
    assert.ok(hint.message.includes('(RUN --mount=type=secret,id=npmrc,target=/root/.npmrc, and build with --secret id=npmrc,src=.npmrc).'), hint.message);
    // The stage already is the earlier stage of a multi-stage build.
    assert.ok(!hint.message.includes('earlier stage'), hint.message);
  });

  it('credential outside the target image', async () => {
    const dockerfile = 'FROM shell-only AS build\nCOPY .netrc /root/.netrc\nRUN rm /root/.netrc\nFROM scratch\nCOPY --from=build /bin/sh /sh\n';
    const hint = deletionHint(await predict(dockerfile, { '.netrc': 'machine x login y password z\n' }), 3);
    // The target image does not hold the layer, so the severity follows the size (29 B).
    assert.equal(hint.severity, 'info');
    assert.ok(hint.message.includes(`To keep the credentials out of this stage's image, ${dropNamedSource}.`), hint.message);
  });

  it('credential that a RUN writes and a later RUN deletes', async () => {
    const dockerfile = 'FROM shell-only\nRUN mkdir /root && echo token > /root/.git-credentials\nRUN rm /root/.git-credentials\n';
    const hint = deletionHint(await predict(dockerfile), 3);
    assert.equal(hint.severity, 'warning');
    assert.ok(hint.message.endsWith('which looks like a credential; delete them in the same step that creates them (merge the two RUNs, or move the cleanup there).'), hint.message);
  });

  it('other file in two layers', async () => {
    const dockerfile = 'FROM shell-only\nCOPY notes.txt /notes.txt\nRUN chmod 600 /notes.txt\nRUN rm /notes.txt\n';
    const hint = deletionHint(await predict(dockerfile, { 'notes.txt': 'hello\n' }), 4);
    assert.equal(hint.severity, 'info');
    // A chmod does not read the file, so a bind mount would be of no use to it.
    assert.equal(hint.message,
      'This RUN deletes /notes.txt, written by line 2 (COPY) and line 3 (RUN). The image still holds those bytes (6 B, not counting older versions) in those earlier layers; ' +
      'leave them out of the COPY (a narrower source or a .dockerignore line) instead, ' +
      'and drop the chmod, chown or chgrp of them from the RUN on line 3, which only changes their mode or owner.');
  });

  it('other file in two layers, read by a RUN', async () => {
    const dockerfile = 'FROM shell-only\nCOPY notes.txt /notes.txt\nRUN chmod 600 /notes.txt && cat /notes.txt > /copy.txt\nRUN rm /notes.txt\n';
    const hint = deletionHint(await predict(dockerfile, { 'notes.txt': 'hello\n' }), 4);
    assert.ok(hint.message.endsWith('; mount it for the RUN on line 3, which reads it, instead of copying it ' +
      '(under BuildKit: RUN --mount=type=bind,source=notes.txt,target=/notes.txt).'), hint.message);
  });

  const deletingUsers: Array<[string, string]> = [
    ['npm --version > /npmver.txt && rm /root/.npmrc', 'npm reads it without naming it'],
    ['cat /root/.npmrc > /dev/null; rm -f /root/.npmrc', 'cat names it'],
  ];
  for (const [script, title] of deletingUsers) {
    it(`credential the deleting RUN uses: ${title}`, async () => {
      const dockerfile = `FROM shell-only\nCOPY .npmrc /root/.npmrc\nRUN ${script}\n`;
      const hint = deletionHint(await predict(dockerfile, { '.npmrc': '//registry/:_authToken=x\n' }), 3);
      assert.equal(hint.severity, 'warning');
      assert.ok(hint.message.includes('; do not copy it: mount it as a build secret for the RUN on line 3 ' +
        '(RUN --mount=type=secret,id=npmrc,target=/root/.npmrc, and build with --secret id=npmrc,src=.npmrc)'), hint.message);
      assert.ok(!hint.message.includes('leave them out'), hint.message);
    });
  }

  it('credential the deleting RUN only deletes', async () => {
    // rm and chmod name the file without using it.
    const dockerfile = 'FROM shell-only\nCOPY .npmrc /root/.npmrc\nRUN chmod 600 /root/.npmrc && rm /root/.npmrc && echo done\n';
    const hint = deletionHint(await predict(dockerfile, { '.npmrc': '//registry/:_authToken=x\n' }), 3);
    assert.ok(hint.message.endsWith(`; ${dropNamedSource}.`), hint.message);
  });

  it('file in three RUN layers', async () => {
    const dockerfile = 'FROM shell-only\nRUN echo data > /data.txt\nRUN chmod 600 /data.txt\nRUN rm /data.txt\n';
    const hint = deletionHint(await predict(dockerfile), 4);
    assert.ok(hint.message.startsWith('This RUN deletes /data.txt, written by line 2 (RUN) and line 3 (RUN).'), hint.message);
    assert.ok(hint.message.endsWith('create, change and delete them in one step (merge the RUNs on lines 2 and 3 with this one).'), hint.message);
    assert.equal(hint.writtenBy?.line, 2);
  });
});

describe('waste hints for deleted PEM files', () => {
  after(removeContexts);
  const { certificate, privateKey } = makePemPair();

  it('certificate a RUN deletes', async () => {
    const dockerfile = 'FROM shell-only\nCOPY ca.pem /tmp/ca.pem\nRUN rm /tmp/ca.pem\n';
    const hint = deletionHint(await predict(dockerfile, { 'ca.pem': certificate }), 3);

    assert.equal(hint.kind, 'waste');
    assert.equal(hint.severity, 'info');
    assert.ok(!hint.message.includes('credential'), hint.message);
  });

  it('private key a RUN deletes', async () => {
    const dockerfile = 'FROM shell-only\nCOPY key.pem /tmp/key.pem\nRUN rm /tmp/key.pem\n';
    const hint = deletionHint(await predict(dockerfile, { 'key.pem': privateKey }), 3);

    assert.equal(hint.kind, 'credential');
    assert.equal(hint.severity, 'warning');
    assert.ok(hint.message.includes('can read /tmp/key.pem, which looks like a credential'), hint.message);
  });

  it('certificate a RUN appends to before another deletes it', async () => {
    // The RUN's version is not a context file, so its content is not known to be public.
    const dockerfile = 'FROM shell-only\nCOPY ca.pem /tmp/ca.pem\nRUN echo extra >> /tmp/ca.pem\nRUN rm /tmp/ca.pem\n';
    const hint = deletionHint(await predict(dockerfile, { 'ca.pem': certificate }), 4);

    assert.equal(hint.kind, 'credential');
  });
});

describe('looksLikeCredential', () => {
  const cases: Array<[string, boolean]> = [
    ['/root/.ssh/id_rsa', true],
    ['/root/.ssh/id_ed25519', true],
    ['/root/.ssh/id_rsa.pub', false],
    ['/app/server.pem', true],
    ['/app/tls.key', true],
    ['/app/.key', false],
    ['/app/.env', true],
    ['/app/.envrc', false],
    ['/app/.env.production', true],
    ['/app/.env.example', false],
    ['/root/.pgpass', true],
    ['/certs/client.p12', true],
    ['/root/.kube/config', true],
    ['/app/kube/config', false],
    ['/root/.npmrc', true],
    ['/root/.netrc', true],
    ['/root/.git-credentials', true],
    ['/root/.aws/credentials', true],
    ['/root/.docker/config.json', true],
    ['/app/config.json', false],
    ['/app/keyboard.js', false],
  ];
  for (const [path, expected] of cases) {
    it(`${path} ${expected ? 'is' : 'is not'} a credential`, () => {
      assert.equal(looksLikeCredential(path), expected);
    });
  }
});
