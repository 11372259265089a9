import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { planBuild } from '../../../src/core/dockerfile/plan';

// The Dockerfile of a real build: Docker Engine 20.10's classic builder failed with "dockerfile parse
// error line 5: unknown instruction: SET" and ran no step.
const withRunHeredoc = [
  'FROM busybox',
  'COPY default.conf /etc/nginx/conf.d/',
  'RUN <<EOT',
  'set -e',
  'mkdir -p /var/www/html',
  'EOT',
  'RUN echo done',
  '',
].join('\n');

function errorsOf(text: string, builder: BuilderKind) {
  return planBuild(text, { builder }).problems.filter((problem) => problem.severity === 'error');
}

describe('heredocs under the classic builder', () => {
  it('reject the whole Dockerfile', () => {
    const [error, ...others] = errorsOf(withRunHeredoc, 'classic');
    assert.equal(others.length, 0);
    assert.equal(error.scope, 'dockerfile');
    assert.equal(error.line, 3);
    assert.match(error.message, /reads line 4 \("set -e"\) as an instruction/);
    assert.match(error.message, /"unknown instruction: SET"/);
  });

  it('name the closing line when the body reads as instructions', () => {
    const [error] = errorsOf('FROM busybox\nCOPY <<EOT /etc/motd\nenv A=1\n# a comment\n\nEOT\n', 'classic');
    assert.equal(error.scope, 'dockerfile');
    assert.match(error.message, /reads line 6 \("EOT"\)/);
  });

  it('fail only their own step under buildah', () => {
    const [error, ...others] = errorsOf(withRunHeredoc, 'buildah');
    assert.equal(others.length, 0);
    assert.equal(error.scope, undefined);
    assert.match(error.message, /does not support heredocs/);
  });

  it('are no error under BuildKit', () => {
    assert.deepEqual(errorsOf(withRunHeredoc, 'buildkit'), []);
  });
});

describe('COPY flags under the classic builder', () => {
  // A real classic build (Engine 20.10): "dockerfile parse error line 3: Unknown flag: link", no step run.
  for (const flag of ['--link', '--parents', '--exclude=*.md']) {
    it(`${flag} rejects the whole Dockerfile`, () => {
      const [error, ...others] = errorsOf(`FROM busybox\nRUN echo before\nCOPY ${flag} a.txt /a.txt\n`, 'classic');
      assert.equal(others.length, 0);
      assert.equal(error.scope, 'dockerfile');
      assert.match(error.message, /^The builder rejects the whole Dockerfile on this line, so no step runs: the classic builder does not know --/);
    });
  }

  it('--chmod fails only its own step', () => {
    const [error] = errorsOf('FROM busybox\nCOPY --chmod=644 a.txt /a.txt\n', 'classic');
    assert.equal(error.scope, undefined);
    assert.match(error.message, /^The build fails here: the classic builder rejects --chmod/);
  });

  it('--link fails only its own step under buildah', () => {
    const [error] = errorsOf('FROM busybox\nCOPY --link a.txt /a.txt\n', 'buildah');
    assert.equal(error.scope, undefined);
  });
});
