import * as assert from 'node:assert/strict';
import { copiedStages } from '../../../src/core/analysis/copiedStages';
import { planBuild } from '../../../src/core/dockerfile/plan';

const text = [
  'FROM golang:1.22 AS build',
  'RUN go build -o /out/server .',
  'FROM build AS test',
  'RUN go test ./...',
  'FROM alpine:3.20 AS assets',
  'RUN mkdir /assets',
  'FROM scratch',
  'COPY --from=test /out/server /server',
  'RUN --mount=from=assets,target=/a true',
  '',
].join('\n');

describe('copiedStages', () => {
  it('copied stages and what they continue', () => {
    assert.deepEqual([...copiedStages(planBuild(text))].sort(), [0, 1, 2]);
  });

  it('stage continuing what it copies', () => {
    const plan = planBuild('FROM alpine:3.20 AS base\nRUN mkdir /x\nFROM base\nCOPY --from=base /x /y\n');
    assert.deepEqual([...copiedStages(plan)], []);
  });

  it('one result per plan', () => {
    // The prediction of every RUN step calls it, so a second result would mean walking the plan again.
    const plan = planBuild(text);
    assert.equal(copiedStages(plan), copiedStages(plan));
  });
});
