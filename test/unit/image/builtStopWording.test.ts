/**
 * `image --dockerfile` on a line on which the prediction fails but which the image shows built: the text
 * gives the prediction's error without its claim that the build fails there.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatImageText } from '../../../src/cli/imageText';
import { runImage } from '../../../src/cli/image';
import { analyze } from '../../../src/core/analysis/analyze';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { captureCli } from '../cli/capture';
import { makeContext, removeContexts, shellOnlyImage } from '../predict/helpers';
import { imageJson } from './imageJsonBuilder';

// Docker Engine's classic builder built this archive from the Dockerfile and the app/ folder
// beside it. Line 6 is `RUN rm /app/old.txt && rm -rf /app/cache && ...`.
const fixture = join(__dirname, '../../fixtures/images/real-layers');
const archive = join(fixture, 'real-layers.docker-overlay2.tar');

const GOT_PAST = 'the prediction fails here, but the build that made the image got past this line.';

/** Returns the error the prediction gives on line 2 of `dockerfile`. */
async function errorOnLine2(dockerfile: string, builder?: BuilderKind): Promise<string> {
  const root = makeContext({ Dockerfile: dockerfile });
  const images = (reference: string) => (reference === 'shell-only' ? shellOnlyImage() : undefined);
  const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text: dockerfile, builder, images });
  const errors = analysis.problems.filter((problem) => problem.severity === 'error' && problem.line === 2);
  assert.equal(errors.length, 1, JSON.stringify(analysis.problems));
  return errors[0].message;
}

/** Renders the prediction section of a report whose image has the layer of line 2, on which the prediction fails with `message`. */
function builtStopText(message: string): string {
  const report = imageJson({
    dockerfile: 'Dockerfile',
    prediction: {
      context: '.', defaultContext: true, mappedSteps: 2, comparedSteps: 1, differences: [],
      stop: { line: 2, endLine: 2, message, rejectsDockerfile: false, laterRejections: [], notReached: [], builtInImage: true, readsContext: false },
    },
  });
  const text = formatImageText(report);
  return text.slice(text.indexOf('Prediction against the image:'));
}

describe('failing line the image built', () => {
  after(removeContexts);

  it('RUN rm of a missing file', async () => {
    // Without app/old.txt in the context, the prediction's `rm /app/old.txt` on line 6 fails.
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-built-rm-'));
    try {
      cpSync(join(fixture, 'Dockerfile'), join(folder, 'Dockerfile'));
      cpSync(join(fixture, 'app'), join(folder, 'app'), { recursive: true });
      rmSync(join(folder, 'app/old.txt'));
      const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', join(folder, 'Dockerfile'), archive]);
      assert.equal(status, 0, stderr);
      const section = stdout.slice(stdout.indexOf('Prediction against the image:'));
      assert.equal(
        section,
        'Prediction against the image:\n' +
          '  line 2: The built layer differs from the prediction. Only the image has 1 path: /app/old.txt.\n' +
          `  line 6: ${GOT_PAST} This RUN ends with a non-zero exit status because "rm /app/old.txt" fails (rm: can't remove '/app/old.txt': No such file or directory).\n` +
          '  The prediction stops at this line, so 1 step (line 7) was not compared with the image.\n',
      );
      assert.doesNotMatch(section, /build fails/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  // Each error states the claim in its own form, as the prediction words it for this Dockerfile.
  const cases: Array<{ name: string; dockerfile: string; builder?: BuilderKind; expected: string }> = [
    {
      name: 'RUN cp of a missing source',
      dockerfile: 'FROM shell-only\nRUN cp /missing /x\n',
      expected: 'This RUN ends with a non-zero exit status because "cp /missing /x" fails (cp: /missing: No such file or directory).',
    },
    {
      name: 'RUN failing command not known',
      dockerfile: 'FROM shell-only\nRUN ! true\n',
      expected: 'This RUN ends with a non-zero exit status. Which command decides that status is not known.',
    },
    {
      name: 'RUN syntax error',
      dockerfile: 'FROM alpine:3.20\nRUN if true; then echo x\n',
      expected: 'This RUN\'s script has a syntax error, so sh rejects it. "if" has no matching "fi". Correct the script.',
    },
    {
      name: 'RUN without a shell',
      dockerfile: 'FROM scratch\nRUN echo hi\n',
      expected: 'The stage has no /bin/sh, so the builder cannot start the shell that runs this RUN. Copy a shell to /bin/sh before this RUN, or start the stage from a base image that has one.',
    },
    {
      name: 'exec-form RUN without its program',
      dockerfile: 'FROM scratch\nRUN ["/app/run"]\n',
      expected: 'The stage has no /app/run, so the builder cannot start this exec-form RUN. Copy the program to /app/run before this RUN, or correct its path.',
    },
    {
      name: 'RUN flag the builder rejects',
      dockerfile: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/x echo x\n',
      builder: 'classic',
      expected: 'The classic builder rejects RUN --mount. Choose another builder or rewrite the line.',
    },
  ];
  for (const { name, dockerfile, builder, expected } of cases) {
    it(name, async () => {
      const message = await errorOnLine2(dockerfile, builder);
      assert.match(message, /build fails/);
      assert.equal(builtStopText(message), `Prediction against the image:\n  line 2: ${GOT_PAST} ${expected}\n`);
    });
  }

  it('unknown claim form quoted', () => {
    const message = 'The build fails on this line unless the cache holds /x.';
    assert.equal(builtStopText(message), `Prediction against the image:\n  line 2: ${GOT_PAST} The prediction's error reads: "${message}"\n`);
  });
});
