import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis, Problem } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { makeContext, predict, removeContexts, shellOnlyImage } from '../predict/helpers';

const BUILD_STAGE = 'FROM alpine:3.20 AS build\nRUN mkdir -p /src/node_modules\n';
const BULD = 'No stage is named "buld", so builders take it for an image to pull. Did you mean the stage "build"?';

/** Returns the warnings that name a stage, which are the ones this check adds. */
function stageWarnings(analysis: Analysis): Problem[] {
  return analysis.problems.filter((problem) => problem.message.startsWith('No stage is named'));
}

describe('stage name typos', () => {
  after(removeContexts);

  const copyTypo = `${BUILD_STAGE}FROM alpine:3.20\nCOPY --from=buld /src/node_modules ./node_modules`;
  it(copyTypo.replace(/\n/g, ' | '), async () => {
    for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
      const analysis = await predict(copyTypo, {}, { builder });

      assert.deepEqual(stageWarnings(analysis), [{ line: 4, endLine: 4, severity: 'warning', message: BULD }], builder);
    }
  });

  const fromTypo = `${BUILD_STAGE}FROM buld AS test\nRUN true`;
  it(fromTypo.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(fromTypo);

    assert.deepEqual(stageWarnings(analysis), [{ line: 3, endLine: 3, severity: 'warning', message: BULD }]);
  });

  const mountTypo = `${BUILD_STAGE}FROM alpine:3.20\nRUN --mount=type=bind,from=buld,source=/src,target=/mnt ls /mnt`;
  it(mountTypo.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(mountTypo);

    assert.deepEqual(stageWarnings(analysis), [{ line: 4, endLine: 4, severity: 'warning', message: BULD }]);
  });

  it('mount typo under classic stays silent', async () => {
    // The classic builder rejects RUN --mount itself, whatever it names.
    const analysis = await predict(mountTypo, {}, { builder: 'classic' });

    assert.deepEqual(stageWarnings(analysis), []);
  });

  it('typo in a variable and other case', async () => {
    const text = `${BUILD_STAGE}FROM alpine:3.20\nARG FROM_STAGE=Biuld\nCOPY --from=\${FROM_STAGE} /src /src`;

    const analysis = await predict(text);

    const message = 'No stage is named "Biuld", so builders take it for an image to pull. Did you mean the stage "build"?';
    assert.deepEqual(stageWarnings(analysis), [{ line: 5, endLine: 5, severity: 'warning', message }]);
  });

  it('two close stages named both', async () => {
    const text = 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS builds\nFROM alpine:3.20\nCOPY --from=buildd /a /a';

    const analysis = await predict(text);

    const message = 'No stage is named "buildd", so builders take it for an image to pull. Did you mean the stage "build" or "builds"?';
    assert.deepEqual(stageWarnings(analysis), [{ line: 4, endLine: 4, severity: 'warning', message }]);
  });

  const silent: Array<[string, string]> = [
    // "build" is one edit from the stage "builds", but it names the stage "build".
    ['stage name in upper case', 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS builds\nFROM alpine:3.20\nCOPY --from=BUILD /a /a'],
    // These image references are one edit from a stage name, but a tag or a repository path makes them real ones.
    ['tagged image', 'FROM alpine:3.20 AS app1\nFROM alpine:3.20\nCOPY --from=app:1 /a /a'],
    ['image with a path', 'FROM alpine:3.20 AS myapp\nFROM alpine:3.20\nCOPY --from=my/app /a /a'],
    ['image not close to a stage', `${BUILD_STAGE}FROM alpine:3.20\nCOPY --from=busybox /bin/busybox /busybox`],
  ];
  for (const [form, text] of silent) {
    it(`${form} stays silent`, async () => {
      const analysis = await predict(text);

      assert.deepEqual(stageWarnings(analysis), []);
    });
  }

  it('scratch stays silent', async () => {
    const analysis = await predict('FROM alpine:3.20 AS scratch1\nFROM scratch\nCOPY --from=scratch1 /a /a');

    assert.deepEqual(stageWarnings(analysis), []);
  });

  it('later stage not suggested', async () => {
    // A stage cannot continue or copy from a stage that the Dockerfile defines after it.
    const analysis = await predict('FROM alpine:3.20\nCOPY --from=buld /a /a\nFROM alpine:3.20 AS build');

    assert.deepEqual(stageWarnings(analysis), []);
  });

  it('short names stay silent', async () => {
    const analysis = await predict('FROM alpine:3.20 AS go\nFROM alpine:3.20\nCOPY --from=g /a /a');

    assert.deepEqual(stageWarnings(analysis), []);
  });

  it('named build context stays silent', async () => {
    const root = makeContext({ Dockerfile: copyTypo });
    const named = makeContext({ 'src/node_modules/a.js': 'a' });

    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text: copyTypo, namedContexts: { buld: named } });

    assert.deepEqual(stageWarnings(analysis), []);
  });

  it('read image stays silent', async () => {
    const analysis = await predict(copyTypo, {}, { images: (reference) => (reference === 'buld' ? shellOnlyImage() : undefined) });

    assert.deepEqual(stageWarnings(analysis), []);
  });
});
