import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../src/core/analysis/incremental';
import { walkContext } from '../../../src/core/context/walk';
import type { Analysis } from '../../../src/core/analysis/types';
import { makeContext, predict, removeContexts, shellOnlyImage } from '../predict/helpers';
import { makePemPair, relabel } from '../predict/run/pemFiles';

/** Returns `line message` of each credential warning. */
function credentialWarnings(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.kind === 'credential').map((problem) => `${problem.line} ${problem.message}`);
}

describe('credentials the image ships', () => {
  after(removeContexts);

  const context = { '.env': 'TOKEN=1\n', 'keys/id_rsa': 'key\n', 'app.py': 'print(1)\n' };

  it('COPY of the whole context', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIR /app\nCOPY . .\n', context);

    assert.deepEqual(credentialWarnings(analysis), [
      '3 This COPY puts /app/.env, /app/keys/id_rsa into the image, where anyone who pulls it can read them: they look like credentials. To keep them out, leave them out of the build context with a .dockerignore line, or mount them as a build secret for the RUN that needs them (RUN --mount=type=secret).',
    ]);
  });

  it('credential a later RUN deletes', async () => {
    // The RUN's waste hint speaks for the deleted file, which the COPY's layer still holds.
    const analysis = await predict('FROM shell-only\nWORKDIR /app\nCOPY . .\nRUN rm -rf /app/keys\n', context);

    assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split(' ').slice(0, 6).join(' ')), ['3 This COPY puts /app/.env into', '4 This RUN deletes /app/keys, written']);
  });

  it('stage the target only copies from', async () => {
    const analysis = await predict('FROM shell-only AS build\nCOPY . /src\n\nFROM shell-only\nCOPY --from=build /src/app.py /app.py\n', context);

    assert.deepEqual(credentialWarnings(analysis), []);
  });

  it('credential left out by .dockerignore', async () => {
    const analysis = await predict('FROM shell-only\nCOPY . /app\n', { ...context, '.dockerignore': '.env\nkeys/\n' });

    assert.deepEqual(credentialWarnings(analysis), []);
  });

  it('credential a later RUN copies up', async () => {
    // chown -R stores the files again with the same content, so the image still ships them.
    const analysis = await predict('FROM shell-only\nWORKDIR /app\nCOPY . .\nRUN chown -R 1000:1000 /app\n', context);

    assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split(':')[0]), ['3 This COPY puts /app/.env, /app/keys/id_rsa into the image, where anyone who pulls it can read them']);
  });

  it('credential a later COPY replaces', async () => {
    const analysis = await predict('FROM shell-only\nCOPY .env /app/.env\nCOPY other.env /app/.env\n', { '.env': 'TOKEN=1\n', 'other.env': 'TOKEN=2\n' });

    assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.slice(0, 2)), ['3 ']);
  });

  it('credential another stage passes on', async () => {
    const analysis = await predict('FROM shell-only AS build\nCOPY . /src\n\nFROM shell-only\nCOPY --from=build /src /app\n', context);

    assert.deepEqual(credentialWarnings(analysis), [
      '5 This COPY puts /app/.env, /app/keys/id_rsa into the image, where anyone who pulls it can read them: they look like credentials. To keep them out, copy a narrower path from that stage, leave them out of the build context with a .dockerignore line, or mount them as a build secret for the RUN that needs them (RUN --mount=type=secret).',
    ]);
  });

  it('dotenv variants and key stores', async () => {
    const files = { '.env.local': 'A=1\n', '.env.example': 'A=\n', 'client.p12': 'k', '.kube/config': 'c', 'app.py': 'print(1)\n' };
    const analysis = await predict('FROM shell-only\nCOPY . /app\n', files);

    assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split(' into')[0]), ['2 This COPY puts /app/.env.local, /app/.kube/config, /app/client.p12']);
  });

  describe('PEM files', () => {
    const { certificate, privateKey } = makePemPair();

    it('certificates and a CA bundle', async () => {
      const files = { 'certs/ca.pem': certificate, 'certs/bundle.pem': `# Issuer: CN=test\n${certificate}${certificate}`, 'app.py': 'print(1)\n' };
      const analysis = await predict('FROM shell-only\nCOPY . /app\n', files);

      assert.deepEqual(credentialWarnings(analysis), []);
    });

    it('private keys of every kind', async () => {
      const files = {
        'tls/key.pem': privateKey,
        'tls/combined.pem': certificate + privateKey,
        'tls/rsa.pem': relabel(privateKey, 'RSA PRIVATE KEY'),
        'tls/encrypted.pem': relabel(privateKey, 'ENCRYPTED PRIVATE KEY'),
        'tls/openssh.key': relabel(privateKey, 'OPENSSH PRIVATE KEY'),
        'tls/ca.pem': certificate,
      };
      const analysis = await predict('FROM shell-only\nCOPY tls /tls\n', files);

      assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split(' into')[0]), ['2 This COPY puts /tls/combined.pem, /tls/encrypted.pem, /tls/key.pem, /tls/openssh.key, /tls/rsa.pem']);
    });

    it('.pem file that is not PEM text', async () => {
      const analysis = await predict('FROM shell-only\nCOPY . /app\n', { 'server.pem': 'not a certificate\n' });

      assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split(' into')[0]), ['2 This COPY puts /app/server.pem']);
    });

    it('certificate another stage passes on', async () => {
      // The stage's file is not read, so its name decides.
      const analysis = await predict('FROM shell-only AS build\nCOPY ca.pem /src/ca.pem\n\nFROM shell-only\nCOPY --from=build /src/ca.pem /ca.pem\n', { 'ca.pem': certificate });

      assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split(' into')[0]), ['5 This COPY puts /ca.pem']);
    });
  });

  it('more paths than a warning names', async () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => [`${name}/.env`, 'TOKEN=1\n']));
    const analysis = await predict('FROM shell-only\nCOPY . /app\n', files);

    assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split(' into')[0]), ['2 This COPY puts /app/a/.env, /app/b/.env, /app/c/.env, /app/d/.env, /app/e/.env and 2 more']);
  });

  describe('sources the COPY names', () => {
    it('COPY id_rsa /root/.ssh/', async () => {
      const analysis = await predict('FROM shell-only\nCOPY id_rsa /root/.ssh/\n', { id_rsa: 'key\n' });

      assert.deepEqual(credentialWarnings(analysis), [
        '2 This COPY puts /root/.ssh/id_rsa into the image, where anyone who pulls it can read it: it looks like a credential. ' +
          'To keep it out, mount it as a build secret for the RUN that needs it (RUN --mount=type=secret) instead of copying it. ' +
          'A .dockerignore line would make this COPY fail, because the COPY names it as a source.',
      ]);
    });

    it('ADD ./keys/../.npmrc .env /app/', async () => {
      const analysis = await predict('FROM shell-only\nADD ./keys/../.npmrc .env /app/\n', { '.npmrc': 'token\n', '.env': 'A=1\n' });

      assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split('credentials. ')[1]), [
        'To keep them out, mount them as a build secret for the RUN that needs them (RUN --mount=type=secret) instead of copying them. ' +
          'A .dockerignore line would make this ADD fail, because the ADD names them as a source.',
      ]);
    });

    it('COPY id_rsa config /app/ with config/.env', async () => {
      const analysis = await predict('FROM shell-only\nCOPY id_rsa config /app/\n', { id_rsa: 'key\n', 'config/.env': 'A=1\n' });

      assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split('credentials. ')[1]), [
        'To keep /app/id_rsa out, mount it as a build secret for the RUN that needs it (RUN --mount=type=secret) instead of copying it. ' +
          'A .dockerignore line would make this COPY fail, because the COPY names it as a source. ' +
          'To keep /app/.env out, leave it out of the build context with a .dockerignore line, or mount it as a build secret for the RUN that needs it (RUN --mount=type=secret).',
      ]);
    });

    it('COPY *.env /app/', async () => {
      // A pattern that matches other files still copies them once .dockerignore leaves the credential out.
      const analysis = await predict('FROM shell-only\nCOPY *.env /app/\n', { '.env': 'A=1\n', 'app.env': 'B=2\n' });

      assert.ok(credentialWarnings(analysis)[0].endsWith('To keep it out, leave it out of the build context with a .dockerignore line, or mount it as a build secret for the RUN that needs it (RUN --mount=type=secret).'));
    });

    it('COPY --from=build /src/.env /app/.env', async () => {
      const analysis = await predict('FROM shell-only AS build\nCOPY . /src\n\nFROM shell-only\nCOPY --from=build /src/.env /app/.env\n', context);

      assert.deepEqual(credentialWarnings(analysis).map((warning) => warning.split('credential. ')[1]), [
        'To keep it out, mount it as a build secret for the RUN that needs it (RUN --mount=type=secret) instead of copying it.',
      ]);
    });
  });

  it('edits below a kept COPY', async () => {
    // The editor keeps the COPY's layer across these analyses, so the second and third reuse what
    // the first found in it, and only which of those files the image still shows may change.
    const root = makeContext(context);
    const dockerfilePath = join(root, 'Dockerfile');
    const walked = await walkContext(root, { dockerfilePath });
    // Kept predictions are reused only for the same image object, as the editor's image cache gives.
    const base = shellOnlyImage();
    const incremental = new IncrementalPredictions();
    const analyzeText = (text: string) => analyze({ dockerfilePath, text, context: walked, images: (reference) => (reference === 'shell-only' ? base : undefined), incremental });
    const lines = (last: string) => `FROM shell-only\nWORKDIR /app\nCOPY . .\n${last}\n`;
    const first = await analyzeText(lines('RUN echo one'));
    const copyLayer = first.stack.layers.at(-2);

    const deleting = await analyzeText(lines('RUN rm -rf /app/keys'));
    assert.equal(deleting.stack.layers.at(-2), copyLayer);
    assert.deepEqual(credentialWarnings(deleting).map((warning) => warning.split(/ into|\. /)[0]), ['3 This COPY puts /app/.env', '4 This RUN deletes /app/keys, written by line 3 (COPY)']);
    const restored = await analyzeText(lines('RUN echo two'));
    assert.deepEqual(credentialWarnings(restored).map((warning) => warning.split(' into')[0]), ['3 This COPY puts /app/.env, /app/keys/id_rsa']);
  });
});
