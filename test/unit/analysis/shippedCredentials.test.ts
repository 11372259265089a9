import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { predict, removeContexts } from '../predict/helpers';

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
});
