import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { predict, removeContexts, stepAt } from '../predict/helpers';
import { makePemPair } from '../predict/run/pemFiles';

/** Returns `line path` of each credential warning, the path being the first one it names. */
function credentialWarnings(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.kind === 'credential').map((problem) => `${problem.line} ${problem.message.split(' ')[3]}`);
}

describe('credentials of steps the build does not reach', () => {
  after(removeContexts);

  const { certificate, privateKey } = makePemPair();
  const context = { 'certs/bundle.pem': certificate + privateKey, 'certs/ca.pem': certificate, '.env': 'TOKEN=1\n' };

  it('unknown instruction on a later line', async () => {
    // The builder rejects the whole Dockerfile, but once USR is fixed the COPY ships the key.
    const analysis = await predict('FROM shell-only\nCOPY certs/ /etc/certs/\nUSR 1000\n', context);

    assert.deepEqual(stepAt(analysis, 2).notReached?.rejects, true);
    assert.deepEqual(credentialWarnings(analysis), ['2 /etc/certs/bundle.pem']);
  });

  it('unknown instruction on an earlier line', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\nCOPY .env .env\n', context);

    assert.deepEqual(stepAt(analysis, 3).notReached?.rejects, true);
    assert.deepEqual(credentialWarnings(analysis), ['3 /app/.env']);
  });

  it('unknown flag on a later line', async () => {
    const analysis = await predict('FROM shell-only\nCOPY .env /app/.env\nCOPY --chmodd=644 certs/ca.pem /ca.pem\n', context);

    assert.deepEqual(credentialWarnings(analysis), ['2 /app/.env']);
  });

  it('COPY after a COPY that fails', async () => {
    // The missing source fails the whole COPY on line 2, so its layer ships nothing. Line 3 is not
    // reached, but ships the key once line 2 is fixed.
    const analysis = await predict('FROM shell-only\nCOPY .env missing.txt /app/\nCOPY certs/ /etc/certs/\n', context);

    assert.equal(stepAt(analysis, 2).failed, true);
    assert.ok(stepAt(analysis, 3).notReached);
    assert.deepEqual(credentialWarnings(analysis), ['3 /etc/certs/bundle.pem']);
  });

  it('COPY that fails under a rejection', async () => {
    const analysis = await predict('FROM shell-only\nCOPY .env missing.txt /app/\nCOPY certs/ /etc/certs/\nUSR 1000\n', context);

    assert.equal(stepAt(analysis, 2).failed, true);
    assert.deepEqual(credentialWarnings(analysis), ['3 /etc/certs/bundle.pem']);
  });
});
