/** Waste hints for RUN mv of files that an earlier layer wrote: each test name is the Dockerfile snippet. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { wasteReport } from '../../../../src/core/model/merged';
import { predict, removeContexts, type ContextSpec } from '../helpers';

/** Predicts a Dockerfile that starts FROM scratch and copies a shell to /bin/sh, so that its RUNs can start; `lines` start at line 3. */
function predictWithShell(lines: string, files: ContextSpec = {}): Promise<Analysis> {
  return predict(`FROM scratch\nCOPY sh /bin/sh\n${lines}`, { sh: '#!/bin/sh\n', ...files });
}

function problemsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line).map((problem) => `${problem.severity}: ${problem.message}`);
}

const writeVersion = 'RUN mkdir /t && echo v1 > /t/VERSION\n';

describe('waste hints for moves', () => {
  after(removeContexts);

  it('RUN mv /t/VERSION /t/VERSION.old', async () => {
    const analysis = await predictWithShell(`${writeVersion}RUN mv /t/VERSION /t/VERSION.old\n`);
    assert.deepEqual(problemsOn(analysis, 4), [
      'info: This RUN moves /t/VERSION, written by line 3 (RUN), to /t/VERSION.old. The image keeps both copies, because that earlier layer still ' +
      'holds its bytes (3 B) and this layer stores them again. To store them once, move it in the step that creates it (merge the two RUNs), ' +
      'or create it there under the final name.',
    ]);
    assert.equal(wasteReport(analysis.stack).wastedBytes, 3);
  });

  it('COPY a /a\\nRUN mv /a /b', async () => {
    const analysis = await predictWithShell('COPY a /a\nRUN mv /a /b\n', { a: 'abcd' });
    assert.deepEqual(problemsOn(analysis, 4), [
      'info: This RUN moves /a, written by line 3 (COPY), to /b. The image keeps both copies, because that earlier layer still holds its bytes (4 B) ' +
      'and this layer stores them again. To store them once, copy it to /b in the COPY itself instead (COPY a /b).',
    ]);
  });

  it('COPY d/ /d/\\nRUN mv /d/a /e && echo new > /d/a', async () => {
    const analysis = await predictWithShell('COPY d/ /d/\nRUN mv /d/a /e && echo new > /d/a\n', { 'd/a': 'abcd', 'd/b': 'xy' });
    assert.deepEqual(problemsOn(analysis, 4), [
      'info: This RUN moves /d/a, written by line 3 (COPY), to /e. The image keeps both copies, because that earlier layer still holds its bytes (4 B) ' +
      'and this layer stores them again. To store them once, copy it to /e with a COPY of its own instead (COPY d/a /e), and leave it out of the COPY on line 3 ' +
      'with narrower sources (COPY d/b /d/) or, from Dockerfile syntax 1.19, with --exclude (COPY --exclude=a d/ /d/). A .dockerignore line for it would make the new COPY fail.',
    ]);
  });

  it('COPY util /srv/app/util\\nRUN mv /srv/app/util /srv/app/lib && ln -sf /srv/app/lib /srv/app/util', async () => {
    const run = 'RUN mv /srv/app/util /srv/app/lib && ln -sf /srv/app/lib /srv/app/util\n';
    const analysis = await predictWithShell(`COPY util /srv/app/util\n${run}`, { 'util/a.py': 'print(1)\n', 'util/b.py': 'print(22)\n' });
    assert.deepEqual(problemsOn(analysis, 4), [
      'info: This RUN moves /srv/app/util, written by line 3 (COPY), to /srv/app/lib. The image keeps both copies, because that earlier layer still holds ' +
      'its bytes (19 B) and this layer stores them again. To store them once, copy it to /srv/app/lib in the COPY itself instead (COPY util /srv/app/lib).',
    ]);
  });

  it('COPY --from=build /build/dist /srv/app\\nRUN mv /srv/app/util /srv/app/lib && ln -sf /srv/app/lib /srv/app/util', async () => {
    const build = 'FROM scratch AS build\nCOPY util /build/dist/util\nCOPY main.py /build/dist/main.py\n';
    const run = 'RUN mv /srv/app/util /srv/app/lib && ln -sf /srv/app/lib /srv/app/util\n';
    const analysis = await predict(`${build}FROM scratch\nCOPY sh /bin/sh\nCOPY --from=build /build/dist /srv/app\n${run}`, { sh: '#!/bin/sh\n', 'util/a.py': 'print(1)\n', 'main.py': 'run()\n' });
    assert.deepEqual(problemsOn(analysis, 7), [
      'info: This RUN moves /srv/app/util, written by line 6 (COPY), to /srv/app/lib. The image keeps both copies, because that earlier layer still holds ' +
      'its bytes (9 B) and this layer stores them again. To store them once, copy it to /srv/app/lib with a COPY of its own instead ' +
      '(COPY --from=build /build/dist/util /srv/app/lib), and leave it out of the COPY on line 6 with narrower sources (COPY --from=build /build/dist/main.py /srv/app/) ' +
      'or, from Dockerfile syntax 1.19, with --exclude (COPY --from=build --exclude=util /build/dist /srv/app).',
    ]);
  });

  it('COPY --chown --chmod keeps flags', async () => {
    const analysis = await predictWithShell('COPY --chown=1000:1000 --chmod=640 app/ /srv/app/\nRUN mv /srv/app/util /srv/lib\n', { 'app/util/a.py': 'print(1)\n', 'app/main.py': 'run()\n' });
    const [hint] = problemsOn(analysis, 4);
    assert.ok(hint.includes('(COPY --chown=1000:1000 --chmod=640 app/util /srv/lib), and leave it out of the COPY on line 3 '), hint);
    assert.ok(hint.includes('with narrower sources (COPY --chown=1000:1000 --chmod=640 app/main.py /srv/app/)'), hint);
    assert.ok(hint.includes('with --exclude (COPY --chown=1000:1000 --chmod=640 --exclude=util app/ /srv/app/)'), hint);
  });

  it('COPY util /srv/app/util\\nRUN cp -r /srv/app/util /srv/app/lib && rm -rf /srv/app/util', async () => {
    const analysis = await predictWithShell('COPY util /srv/app/util\nRUN cp -r /srv/app/util /srv/app/lib && rm -rf /srv/app/util\n', { 'util/a.py': 'print(1)\n' });
    assert.deepEqual(problemsOn(analysis, 4), [
      'info: This RUN moves /srv/app/util, written by line 3 (COPY), to /srv/app/lib. The image keeps both copies, because that earlier layer still holds ' +
      'its bytes (9 B) and this layer stores them again. To store them once, copy it to /srv/app/lib in the COPY itself instead (COPY util /srv/app/lib).',
    ]);
  });

  it('COPY util /srv/app/util\\nRUN rm -rf /srv/app/util && ln -s /opt/lib /srv/app/util', async () => {
    const analysis = await predictWithShell('COPY util /srv/app/util\nRUN rm -rf /srv/app/util && ln -s /opt/lib /srv/app/util\n', { 'util/a.py': 'print(1)\n' });
    assert.deepEqual(problemsOn(analysis, 4), [
      'info: This RUN deletes /srv/app/util, written by line 3 (COPY). The image still holds those bytes (9 B) in that earlier layer; ' +
      'leave them out of the COPY (a narrower source or a .dockerignore line) instead.',
    ]);
  });

  it('RUN mv /t /u (a folder)', async () => {
    const analysis = await predictWithShell(`${writeVersion}RUN mv /t /u\n`);
    assert.match(problemsOn(analysis, 4)[0], /^info: This RUN moves \/t, written by line 3 \(RUN\), to \/u\. The image keeps both copies, because that earlier layer still holds its bytes \(3 B\)/);
  });

  it('RUN mv /t/VERSION /v && mv /v /w', async () => {
    const analysis = await predictWithShell(`${writeVersion}RUN mv /t/VERSION /v && mv /v /w\n`);
    assert.match(problemsOn(analysis, 4)[0], /^info: This RUN moves \/t\/VERSION, written by line 3 \(RUN\), to \/w\./);
  });

  it('RUN mv /t/a /t/b && mv /t/c /v && rm /v', async () => {
    const analysis = await predictWithShell('RUN mkdir /t && echo 1 > /t/a && echo 22 > /t/c\nRUN mv /t/a /t/b && mv /t/c /v && rm /v\n');
    assert.deepEqual(problemsOn(analysis, 4).map((problem) => problem.slice(0, problem.indexOf('.', 25))), [
      'info: This RUN deletes /t/c, written by line 3 (RUN)',
      'info: This RUN moves /t/a, written by line 3 (RUN), to /t/b',
    ]);
    assert.match(problemsOn(analysis, 4)[0], /those bytes \(3 B\)/);
    assert.match(problemsOn(analysis, 4)[1], /its bytes \(2 B\)/);
  });

  it('RUN mv /t/VERSION /v in a stage the target copies from', async () => {
    const dockerfile = `FROM scratch AS build\nCOPY sh /bin/sh\n${writeVersion}RUN mv /t/VERSION /v\nFROM scratch\nCOPY --from=build /v /v\n`;
    const analysis = await predict(dockerfile, { sh: '#!/bin/sh\n' });
    assert.deepEqual(problemsOn(analysis, 4), [
      "info: This RUN moves /t/VERSION, written by line 3 (RUN), to /v. This stage's image keeps both copies, because that earlier layer still " +
      "holds its bytes (3 B) and this layer stores them again. The target image does not contain this stage's layers, so it does not hold those " +
      "bytes. To keep this stage's image small, move it in the step that creates it (merge the two RUNs), or create it there under the final name.",
    ]);
  });
});
