import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../../src/core/analysis/incremental';
import type { Analysis } from '../../../../src/core/analysis/types';
import { walkContext } from '../../../../src/core/context/walk';
import { makeContext, predict, removeContexts } from '../helpers';

const twoStages = [
  'FROM busybox AS build',
  'COPY big.txt /src/big.txt',
  'RUN rm /src/big.txt && echo out > /out.txt',
  '',
  'FROM busybox',
  'COPY --from=build /out.txt /out.txt',
  '',
].join('\n');

const inTargetMessage = 'This RUN deletes /src/big.txt, written by line 2 (COPY). The image still holds those bytes (5 B) in that earlier layer; ' +
  'leave them out of the COPY (a narrower source or a .dockerignore line) instead.';
const otherStageMessage = 'This RUN deletes /src/big.txt, written by line 2 (COPY). That earlier layer still holds those bytes (5 B) in this ' +
  "stage's image. The target image does not contain this stage's layers, so it does not hold those bytes. To keep this stage's image small, " +
  'leave them out of the COPY (a narrower source or a .dockerignore line) instead.';

function wasteMessages(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.line === 3).map((problem) => `${problem.severity}: ${problem.message}`);
}

describe('waste hints by stage', () => {
  after(removeContexts);

  it('RUN rm /src/big.txt in a stage the target copies from', async () => {
    const analysis = await predict(twoStages, { 'big.txt': 'big!\n' });
    assert.deepEqual(wasteMessages(analysis), [`info: ${otherStageMessage}`]);
  });

  it('RUN rm /src/big.txt in the target stage', async () => {
    const analysis = await predict(twoStages, { 'big.txt': 'big!\n' }, { target: 'build' });
    assert.deepEqual(wasteMessages(analysis), [`info: ${inTargetMessage}`]);
  });

  it('RUN rm /src/big.txt in a stage the target continues', async () => {
    const continued = twoStages.replace('FROM busybox\n', 'FROM build\n');
    const analysis = await predict(continued, { 'big.txt': 'big!\n' });
    assert.deepEqual(wasteMessages(analysis), [`info: ${inTargetMessage}`]);
  });

  it('another target rewords a kept prediction', async () => {
    const root = makeContext({ Dockerfile: twoStages, 'big.txt': 'big!\n' });
    const incremental = new IncrementalPredictions();
    const dockerfilePath = join(root, 'Dockerfile');
    // The same walked context, so that the second run may keep the first run's predictions.
    const context = await walkContext(root, { dockerfilePath });
    const input = { dockerfilePath, text: twoStages, context, incremental };
    assert.deepEqual(wasteMessages(await analyze(input)), [`info: ${otherStageMessage}`]);
    assert.deepEqual(wasteMessages(await analyze({ ...input, target: 'build' })), [`info: ${inTargetMessage}`]);
    assert.deepEqual(wasteMessages(await analyze(input)), [`info: ${otherStageMessage}`]);
  });
});

describe('waste hint severity by stage', () => {
  after(removeContexts);

  const big = 'x'.repeat(2 * 1024 * 1024);
  const severities = (analysis: Analysis, line: number) => analysis.problems.filter((problem) => problem.line === line).map((problem) => problem.severity);

  it('large deletion outside the target is an info', async () => {
    const analysis = await predict(twoStages, { 'big.txt': big });
    assert.deepEqual(severities(analysis, 3), ['info']);
  });

  it('large deletion in the target is a warning', async () => {
    const analysis = await predict(twoStages, { 'big.txt': big }, { target: 'build' });
    assert.deepEqual(severities(analysis, 3), ['warning']);
  });

  it('large move outside the target is an info', async () => {
    const moved = twoStages.replace('rm /src/big.txt', 'mv /src/big.txt /src/moved.txt');
    const analysis = await predict(moved, { 'big.txt': big });
    assert.deepEqual(severities(analysis, 3), ['info']);
  });

  it('large copy-up outside the target is an info', async () => {
    const copyUp = twoStages.replace('rm /src/big.txt', 'chmod 600 /src/big.txt');
    assert.deepEqual(severities(await predict(copyUp, { 'big.txt': big }), 3), ['info']);
    assert.deepEqual(severities(await predict(copyUp, { 'big.txt': big }, { target: 'build' }), 3), ['warning']);
  });

  it('large credential outside the target stays a warning', async () => {
    const secret = twoStages.replace(/big\.txt/g, 'id_rsa');
    const analysis = await predict(secret, { id_rsa: big });
    assert.deepEqual(severities(analysis, 3), ['warning']);
  });
});

/**
 * A stage that the target copies a folder from, where lines 4 and 6 replace files that line 3
 * copied (entrypoint.sh 20 B then 80 B, healthcheck.sh 82 B twice) before line 9 deletes them all.
 */
const scriptsStage = [
  'FROM shell-only AS base',
  'WORKDIR /app',
  'COPY scripts/ ./scripts/',
  'COPY src/config.default.json ./scripts/entrypoint.sh',
  'RUN rm -f scripts/migrate.sh',
  'RUN chmod 700 scripts/healthcheck.sh',
  'RUN echo one > /app/a.txt && echo two > /app/b.txt',
  'RUN echo again > /app/a.txt',
  'RUN rm -rf /app/scripts',
  'FROM shell-only AS final',
  'COPY --from=base /app /app',
  'RUN rm /app/b.txt',
  '',
].join('\n');

const scriptsContext = {
  'scripts/entrypoint.sh': 'x'.repeat(19) + '\n',
  'scripts/healthcheck.sh': 'y'.repeat(81) + '\n',
  'scripts/migrate.sh': 'z'.repeat(22) + '\n',
  'src/config.default.json': 'c'.repeat(79) + '\n',
};

describe('deletion hints of files that later lines replaced', () => {
  after(removeContexts);

  const messagesOn = (analysis: Analysis, line: number) => analysis.problems.filter((problem) => problem.line === line).map((problem) => problem.message);

  it('RUN rm -rf /app/scripts in a stage the target copies from', async () => {
    const messages = messagesOn(await predict(scriptsStage, scriptsContext), 9);
    const target = "The target image does not contain this stage's layers, so it does not hold those bytes. To keep this stage's image small, ";
    assert.deepEqual(messages, [
      'This RUN deletes /app/scripts, written by line 3 (COPY) and line 4 (COPY). Those earlier layers still hold those bytes ' +
      `(80 B, not counting older versions) in this stage's image. ${target}leave them out of the COPY (a narrower source or a .dockerignore line) instead.`,
      'This RUN deletes /app/scripts, written by line 3 (COPY) and line 6 (RUN). Those earlier layers still hold those bytes ' +
      `(82 B, not counting older versions) in this stage's image. ${target}leave them out of the COPY (a narrower source or a .dockerignore line) instead, ` +
      'and drop the chmod, chown or chgrp of them from the RUN on line 6, which only changes their mode or owner.',
    ]);
  });

  it('deletion counts the bytes visible before it once', async () => {
    const analysis = await predict(scriptsStage, scriptsContext);
    const sizes = messagesOn(analysis, 9).map((message) => /those bytes \((\d+) B/.exec(message)?.[1]);
    // 80 B of entrypoint.sh and 82 B of healthcheck.sh: line 3's versions were hidden by lines 4 and 6.
    assert.deepEqual(sizes, ['80', '82']);
    // Line 6's copy-up hint counts the other 82 B of healthcheck.sh.
    assert.ok(messagesOn(analysis, 6).some((message) => message.includes('stores the whole file again (82 B)')), JSON.stringify(messagesOn(analysis, 6)));
  });

  it('RUN rm of a file that COPY --from wrote', async () => {
    const messages = messagesOn(await predict(scriptsStage, scriptsContext), 12);
    assert.deepEqual(messages, [
      'This RUN deletes /app/b.txt, written by line 11 (COPY). The image still holds those bytes (4 B) in that earlier layer; ' +
      'leave them out of the COPY (a narrower source) instead.',
    ]);
  });

  it('file that COPY --from wrote and a RUN reads', async () => {
    const text = scriptsStage.replace('RUN rm /app/b.txt', 'RUN cat /app/b.txt > /copy.txt\nRUN rm /app/b.txt');
    const messages = messagesOn(await predict(text, scriptsContext), 13);
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.ok(messages[0].endsWith('; mount it for the RUN on line 12, which reads it, instead of copying it ' +
      '(under BuildKit: RUN --mount=type=bind,from=base,source=/app/b.txt,target=/app/b.txt).'), messages[0]);
  });

  it('file a RUN reads, in a stage the target copies from', async () => {
    const text = 'FROM shell-only AS build\nCOPY notes.txt /notes.txt\nRUN cat /notes.txt > /out.txt\nRUN rm /notes.txt\nFROM shell-only\nCOPY --from=build /out.txt /out.txt\n';
    const messages = messagesOn(await predict(text, { 'notes.txt': 'hello\n' }), 4);
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.ok(messages[0].endsWith(". To keep this stage's image small, mount it for the RUN on line 3, which reads it, instead of copying it " +
      '(under BuildKit: RUN --mount=type=bind,source=notes.txt,target=/notes.txt).'), messages[0]);
  });
});
