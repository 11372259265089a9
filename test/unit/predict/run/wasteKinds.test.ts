import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { predict, removeContexts } from '../helpers';

/** Returns `line message-start kind` for each problem, so that a failure shows every problem. */
function kinds(analysis: Analysis): string[] {
  return analysis.problems.map((problem) => `${problem.line} ${problem.message.split(',')[0]} ${problem.kind ?? 'none'}`);
}

describe('waste hint kinds', () => {
  after(removeContexts);

  it('RUN rm of a file a RUN wrote', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo data > /data.txt\nRUN rm /data.txt\n');

    assert.deepEqual(kinds(analysis), ['3 This RUN deletes /data.txt waste']);
  });

  it('RUN mv of a copied file', async () => {
    const analysis = await predict('FROM shell-only\nCOPY app.bin /app.bin\nRUN mv /app.bin /srv.bin\n', { 'app.bin': 'x'.repeat(100) });

    assert.deepEqual(kinds(analysis), ['3 This RUN moves /app.bin waste']);
  });

  it('RUN chown of a copied file', async () => {
    const analysis = await predict('FROM shell-only\nCOPY app.bin /app.bin\nRUN chown 1000 /app.bin\n', { 'app.bin': 'x'.repeat(100) });

    assert.equal(analysis.problems.length, 1, JSON.stringify(analysis.problems));
    assert.equal(analysis.problems[0].line, 3);
    assert.equal(analysis.problems[0].kind, 'waste');
  });

  it('RUN chown -R of unlisted files', async () => {
    const dockerfile = 'FROM busybox:1 AS deps\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\n\nFROM busybox:1\nCOPY --from=deps /app/node_modules /app/node_modules\nRUN chown -R 1000 /app/node_modules\n';
    const analysis = await predict(dockerfile, { 'package.json': '{"name":"shop","dependencies":{"left-pad":"1.3.0"}}' });

    assert.deepEqual(kinds(analysis), ['8 This RUN changes only the metadata of the files in /app/node_modules that this prediction cannot list waste']);
  });

  it('RUN rm of a copied id_rsa', async () => {
    const analysis = await predict('FROM shell-only\nCOPY id_rsa /root/id_rsa\nRUN rm /root/id_rsa\n', { id_rsa: 'private key\n' });

    assert.deepEqual(kinds(analysis), ['3 This RUN deletes /root/id_rsa credential']);
  });

  it('COPY of a missing source', async () => {
    const analysis = await predict('FROM shell-only\nCOPY missing.txt /app/\n');

    assert.deepEqual(analysis.problems.map((problem) => [problem.line, problem.severity, problem.kind]), [[2, 'error', undefined]]);
  });
});
