/** Tests of the Dockerfile options the CLI commands share. */
import * as assert from 'node:assert/strict';
import { parseBuildArgs } from '../../../src/cli/dockerfileOptions';
import { UsageError } from '../../../src/cli/io';

describe('parseBuildArgs', () => {
  const environment = { FROM_ENV: 'env value', EMPTY: '' };

  it('reads NAME=VALUE pairs', () => {
    assert.deepEqual(parseBuildArgs(['A=1', 'B=x=y', 'C='], environment), { A: '1', B: 'x=y', C: '' });
  });

  it('takes a bare NAME from the environment', () => {
    assert.deepEqual(parseBuildArgs(['FROM_ENV', 'EMPTY'], environment), { FROM_ENV: 'env value', EMPTY: '' });
  });

  it('leaves a bare NAME unset without a variable', () => {
    assert.deepEqual(parseBuildArgs(['MISSING'], environment), {});
  });

  it('rejects a pair without a name', () => {
    for (const pair of ['=1', 'NOT-A-NAME', '']) {
      assert.throws(() => parseBuildArgs([pair], environment), (error: Error) => error instanceof UsageError && error.message.includes(`"${pair}" is not of the form NAME=VALUE or NAME`), pair);
    }
  });
});
