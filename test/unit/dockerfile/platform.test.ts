import * as assert from 'node:assert/strict';
import { planBuild, type PlanOptions } from '../../../src/core/dockerfile/plan';
import { hostPlatform } from '../../../src/core/image/platform';

const crossBuild = { platform: 'linux/arm64/v8', buildPlatform: 'linux/amd64' };

/** Plans a Dockerfile and returns the variables in force before the step on a 1-based line. */
function variablesAt(text: string, line: number, options: PlanOptions = crossBuild): ReadonlyMap<string, string> {
  const plan = planBuild(text, options);
  const step = plan.stages.flatMap((stage) => stage.steps).find((candidate) => candidate.instruction.line === line);
  assert.ok(step, `no step on line ${line}`);
  return step.variables;
}

describe('platform ARGs', () => {
  it('FROM --platform=$BUILDPLATFORM golang AS build', () => {
    const plan = planBuild('FROM --platform=$BUILDPLATFORM golang AS build\nFROM alpine\n', crossBuild);
    assert.deepEqual(plan.stages.map((stage) => stage.info.platform), ['linux/amd64', null]);
    assert.deepEqual(plan.problems, []);
  });

  it('FROM --platform=${TARGETOS}/${TARGETARCH} alpine', () => {
    const plan = planBuild('FROM --platform=${TARGETOS}/${TARGETARCH} alpine\n', crossBuild);
    assert.equal(plan.stages[0].info.platform, 'linux/arm64');
  });

  it('FROM alpine:$TARGETARCH', () => {
    const plan = planBuild('FROM alpine:$TARGETARCH\n', { platform: 'linux/riscv64' });
    assert.equal(plan.stages[0].info.baseResolved, 'alpine:riscv64');
  });

  it('ARG TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT', () => {
    const variables = variablesAt('FROM alpine\nARG TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT\nRUN true\n', 3);
    assert.equal(variables.get('TARGETPLATFORM'), 'linux/arm64/v8');
    assert.equal(variables.get('TARGETOS'), 'linux');
    assert.equal(variables.get('TARGETARCH'), 'arm64');
    assert.equal(variables.get('TARGETVARIANT'), 'v8');
  });

  it('ARG BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT', () => {
    const variables = variablesAt('FROM alpine\nARG BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT\nRUN true\n', 3);
    assert.equal(variables.get('BUILDPLATFORM'), 'linux/amd64');
    assert.equal(variables.get('BUILDOS'), 'linux');
    assert.equal(variables.get('BUILDARCH'), 'amd64');
    assert.equal(variables.get('BUILDVARIANT'), '');
  });

  it('RUN without ARG TARGETARCH', () => {
    const variables = variablesAt('FROM alpine\nRUN true\n', 2);
    assert.equal(variables.has('TARGETARCH'), false);
  });

  it('defaults to the host platform', () => {
    const variables = variablesAt('FROM alpine\nARG TARGETPLATFORM BUILDPLATFORM\nRUN true\n', 3, {});
    assert.equal(variables.get('TARGETPLATFORM'), hostPlatform());
    assert.equal(variables.get('BUILDPLATFORM'), hostPlatform());
  });

  it('build arg overrides TARGETARCH', () => {
    const variables = variablesAt('FROM alpine\nARG TARGETARCH\nRUN true\n', 3, { ...crossBuild, buildArgs: { TARGETARCH: 's390x' } });
    assert.equal(variables.get('TARGETARCH'), 's390x');
  });

  it('classic builder defines none', () => {
    const text = 'FROM --platform=$BUILDPLATFORM alpine\nARG TARGETARCH BUILDPLATFORM\nRUN true\n';
    const plan = planBuild(text, { ...crossBuild, builder: 'classic' });
    assert.equal(plan.stages[0].info.platform, '');
    assert.equal(plan.stages[0].steps[2].variables.has('TARGETARCH'), false);
    assert.equal(plan.stages[0].steps[2].variables.has('BUILDPLATFORM'), false);
  });

  it('buildah defines them', () => {
    const variables = variablesAt('FROM alpine\nARG TARGETARCH\nRUN true\n', 3, { ...crossBuild, builder: 'buildah' });
    assert.equal(variables.get('TARGETARCH'), 'arm64');
  });

  it('invalid platform is a problem on line 1', () => {
    const plan = planBuild('FROM alpine\nARG TARGETPLATFORM\nRUN true\n', { platform: 'arm64' });
    const messages = plan.problems.map((problem) => `${problem.line} ${problem.severity} ${problem.message}`);
    assert.deepEqual(messages, [
      `1 error The platform "arm64" is not of the form os/arch[/variant], such as linux/arm64/v8; the host's platform ${hostPlatform()} is used instead.`,
    ]);
    assert.equal(plan.stages[0].steps[2].variables.get('TARGETPLATFORM'), hostPlatform());
  });
});
