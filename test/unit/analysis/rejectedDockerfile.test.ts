import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { predict, removeContexts } from '../predict/helpers';

/** Returns the messages of the errors on `line`. */
function errorsAt(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** Returns the one error on `line`, failing the test when there is not exactly one. */
function errorAt(analysis: Analysis, line: number): string {
  const errors = errorsAt(analysis, line);
  assert.equal(errors.length, 1, `errors on line ${line}: ${JSON.stringify(analysis.problems)}`);
  return errors[0];
}

describe('step errors under a rejected Dockerfile', () => {
  after(removeContexts);

  const nginx = [
    'FROM nginx:1.27',
    'COPY nginx.conf /etc/nginx/conf.d/default.conf',
    'COPY static/ /usr/share/nginx/html/',
    'RUNN echo "built" > /build.txt',
    'COPY *.css /usr/share/nginx/html/',
    'EXPOSE 80',
  ].join('\n');

  it('missing source before the rejected line', async () => {
    const analysis = await predict(nginx, { 'nginx.conf': 'server {}\n' });
    const message = errorAt(analysis, 3);
    assert.doesNotMatch(message, /build fails/);
    assert.match(message, /^The source "static\/" was not found in the build context .* This step would fail once line 4 is fixed\.$/);
    assert.equal(analysis.steps[2].failed, true);
    assert.equal(analysis.steps[2].notReached?.line, 4);
  });

  it('same source without the rejection fails the build', async () => {
    const analysis = await predict(nginx.replace('RUNN', 'RUN'), { 'nginx.conf': 'server {}\n' });
    assert.match(errorAt(analysis, 3), /The build fails on this line\.$/);
  });

  const steps = [
    'FROM shell-only',
    'COPY a.txt /a.txt',
    'RUN false',
    'RUN if then fi',
    'WORKDIR /a.txt/sub',
    'COPY --chmod=abc a.txt /b.txt',
    'COPY missing.txt /m.txt',
    'LABELL x=1',
    'RUN true',
  ].join('\n');

  it('every kind of step error after the rejection', async () => {
    const analysis = await predict(steps, { 'a.txt': 'a\n' });
    // A step is reached once the rejection and every error above it are fixed.
    const fixes: Array<[number, string]> = [
      [3, 'line 8 is fixed'],
      [4, 'lines 3 and 8 are fixed'],
      [5, 'lines 3, 4 and 8 are fixed'],
      [6, 'lines 3, 4, 5 and 8 are fixed'],
      [7, 'lines 3, 4, 5 and 2 more lines are fixed'],
    ];
    for (const [line, fix] of fixes) {
      const message = errorAt(analysis, line);
      assert.doesNotMatch(message, /build fails/, `line ${line}: ${message}`);
      assert.ok(message.toLowerCase().includes(`this step would fail once ${fix}`), `line ${line}: ${message}`);
    }
    assert.match(errorAt(analysis, 3), /^This RUN ends with a non-zero exit status because "false" fails, so this step would fail once line 8 is fixed\.$/);
    assert.match(errorAt(analysis, 8), /^Unknown instruction "LABELL" \(did you mean LABEL\?\)\. The builder rejects the whole Dockerfile on it/);
  });

  it('step error below another step error', async () => {
    // RUNNN is two edits from RUN, so the prediction leaves the line out.
    const dockerfile = 'FROM shell-only\nRUNNN true\nRUN echo "open\nCOPY missing.txt /m.txt\n';
    const analysis = await predict(dockerfile);
    const unless = 'unless line 2 itself is what it needs: the prediction reads the Dockerfile without that line';
    assert.ok(errorAt(analysis, 3).includes(`this step would fail once line 2 is fixed, ${unless}.`), errorAt(analysis, 3));
    assert.ok(errorAt(analysis, 4).endsWith(`This step would fail once lines 2 and 3 are fixed, ${unless}.`), errorAt(analysis, 4));
  });

  it('step error on the rejected line itself', async () => {
    // --src is no edit away from a flag of COPY, so the prediction reads the line without it.
    const analysis = await predict('FROM shell-only\nCOPY --src=x missing.txt /m.txt\nRUN true\n');
    const errors = errorsAt(analysis, 2);
    assert.equal(errors.length, 2, JSON.stringify(errors));
    assert.match(errors[0], /^COPY has no flag --src\. Check its spelling\. The builder rejects the whole Dockerfile on this line, so no step runs\.$/);
    assert.match(errors[1], /^The source "missing\.txt" was not found .* This step would fail once the Dockerfile error on this line is fixed\.$/);
  });

  it('rejection before the first FROM', async () => {
    const analysis = await predict('RUN echo early\nFROM shell-only\nCOPY missing.txt /m.txt\n');
    assert.match(errorAt(analysis, 3), /This step would fail once line 1 is fixed, unless line 1 itself is what it needs: the prediction reads the Dockerfile without that line\.$/);
  });

  it('misspelt WORKDIR above a RUN into its folder', async () => {
    // The prediction reads line 2 as WORKDIR, which creates /app, so the RUN finds the folder.
    const analysis = await predict('FROM shell-only\nWORNKDIR /app\nRUN echo done > /app/done.txt\n');
    assert.deepEqual(errorsAt(analysis, 3), []);
    assert.equal(analysis.steps[2].notReached?.line, 2);
  });

  it('step error that states no failure gets the sentence', async () => {
    const analysis = await predict('FROM shell-only\nCOPY ${NOPE:?must be set} /x\nRUNN x\n');
    assert.equal(errorAt(analysis, 2), 'NOPE: must be set. This step would fail once line 3 is fixed.');
  });
});
