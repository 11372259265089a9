import * as assert from 'node:assert/strict';
import { unusedBuildArgWarnings } from '../../../src/extension/buildArgProblems';

const dockerfile = ['ARG VARIANT=slim', 'FROM busybox-local:2 AS unused', 'ARG ONLY_UNUSED', 'FROM busybox-local:2', 'ARG FLAVOR', 'RUN echo $VARIANT $FLAVOR', ''].join('\n');

describe('unusedBuildArgWarnings', () => {
  it('name no ARG declares', () => {
    const warnings = unusedBuildArgWarnings(dockerfile, { VARIANT: 'x', FLAVOR: 'y', UNUSED: '1' }, {}, 'docker/Dockerfile');

    assert.deepEqual(warnings, [
      'layerLens.buildContexts["docker/Dockerfile"].buildArgs.UNUSED is set, but no ARG of the stages built for the target declares UNUSED, so it changes nothing. ' +
        'Check the name, or add ARG UNUSED to the stage that reads it.',
    ]);
  });

  it('ARG of a stage not built', () => {
    const warnings = unusedBuildArgWarnings(dockerfile, { ONLY_UNUSED: '1' }, {}, 'Dockerfile');

    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^layerLens\.buildContexts\["Dockerfile"\]\.buildArgs\.ONLY_UNUSED is set/);
  });

  it('ARG of the target stage when it is targeted', () => {
    assert.deepEqual(unusedBuildArgWarnings(dockerfile, { ONLY_UNUSED: '1' }, { target: 'unused' }, 'Dockerfile'), []);
  });

  it('proxy and platform arguments', () => {
    assert.deepEqual(unusedBuildArgWarnings(dockerfile, { HTTP_PROXY: 'http://proxy:3128', TARGETARCH: 'arm64' }, {}, 'Dockerfile'), []);
  });

  it('Windows path as key', () => {
    const warnings = unusedBuildArgWarnings(dockerfile, { UNUSED: '1' }, {}, 'docker\\api.Dockerfile');

    assert.match(warnings[0], /^layerLens\.buildContexts\["docker\/api\.Dockerfile"\]\.buildArgs\.UNUSED /);
  });
});
