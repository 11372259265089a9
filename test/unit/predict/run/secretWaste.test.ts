import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Analysis, Problem } from '../../../../src/core/analysis/types';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import { looksLikeCredential } from '../../../../src/core/predict/run/credentials';
import { predict, removeContexts } from '../helpers';

const secretCopy = join(__dirname, '..', '..', '..', 'fixtures', 'waste-advice', 'secret-copy');

/** Analyses the fixture: `COPY id_rsa` (12 bytes), a RUN that changes its mode, and a RUN that deletes it. */
async function analyzeSecretCopy(builder: BuilderKind): Promise<Analysis> {
  const dockerfilePath = join(secretCopy, 'Dockerfile');
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), builder });
}

/** Returns the one problem whose message starts "This RUN deletes" on `line`. */
function deletionHint(analysis: Analysis, line: number): Problem {
  const hints = analysis.problems.filter((problem) => problem.line === line && problem.message.startsWith('This RUN deletes'));
  assert.equal(hints.length, 1, `deletion hints on line ${line}: ${JSON.stringify(analysis.problems)}`);
  return hints[0];
}

describe('waste hints for deleted credentials', () => {
  after(removeContexts);

  it('COPY id_rsa, RUN chmod, RUN rm under BuildKit', async () => {
    const hint = deletionHint(await analyzeSecretCopy('buildkit'), 4);
    assert.equal(hint.severity, 'warning');
    assert.equal(hint.message,
      'This RUN deletes /root/.ssh/id_rsa, written by line 2 (COPY) and line 3 (RUN). The image still holds those bytes (24 B) in those earlier layers, ' +
      'so anyone who pulls the image can read /root/.ssh/id_rsa, which looks like a credential; do not copy it: mount it as a build secret for the RUN on line 3 ' +
      '(RUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa, and build with --secret id=id_rsa,src=id_rsa), ' +
      'or use it in an earlier stage of a multi-stage build and copy only what that stage produces.');
    // The lowest layer is a COPY, which no quick fix merges into.
    assert.deepEqual(hint.writtenBy, { line: 2, paths: ['/root/.ssh/id_rsa'] });
  });

  it('COPY id_rsa, RUN chmod, RUN rm under the classic builder', async () => {
    const hint = deletionHint(await analyzeSecretCopy('classic'), 4);
    assert.equal(hint.severity, 'warning');
    assert.ok(hint.message.includes('written by line 2 (COPY) and line 3 (RUN)'), hint.message);
    assert.ok(hint.message.includes('do not copy it: the classic builder cannot mount build secrets, so build with BuildKit and mount it for the RUN on line 3'), hint.message);
    assert.ok(!hint.message.includes('--secret id='), hint.message);
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
    assert.ok(hint.message.includes("To keep the credentials out of this stage's image, leave them out of the COPY"), hint.message);
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
    assert.equal(hint.message,
      'This RUN deletes /notes.txt, written by line 2 (COPY) and line 3 (RUN). The image still holds those bytes (12 B) in those earlier layers; ' +
      'the RUN on line 3 reads it, so leaving it out would break that step: under BuildKit, mount it for that RUN instead of copying it ' +
      '(RUN --mount=type=bind,source=notes.txt,target=/notes.txt).');
  });

  it('file in three RUN layers', async () => {
    const dockerfile = 'FROM shell-only\nRUN echo data > /data.txt\nRUN chmod 600 /data.txt\nRUN rm /data.txt\n';
    const hint = deletionHint(await predict(dockerfile), 4);
    assert.ok(hint.message.startsWith('This RUN deletes /data.txt, written by line 2 (RUN) and line 3 (RUN).'), hint.message);
    assert.ok(hint.message.endsWith('create, change and delete them in one step (merge the RUNs on lines 2 and 3 with this one).'), hint.message);
    assert.equal(hint.writtenBy?.line, 2);
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
