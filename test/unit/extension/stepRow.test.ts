/** Step rows of the Image Layers view as the default side bar (at most 300 pixels) shows them. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis, Step } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';
import type { LayerEntry } from '../../../src/core/model/layer';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { stepRowId } from '../../../src/extension/tree/rowIds';
import { stepRowCharacters, textWidth } from '../../../src/extension/tree/rowLayout';
import { describeLayer } from '../../../src/extension/tree/stepDescription';
import { stepRowText } from '../../../src/extension/tree/stepRow';

const fixture = path.resolve(__dirname, '../../fixtures/tree-rows');

async function analyzeFile(name: string, builder?: BuilderKind): Promise<Analysis> {
  const dockerfilePath = path.join(fixture, name);
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), builder });
}

function stepStartingWith(analysis: Analysis, prefix: string): Step {
  const step = analysis.steps.find((candidate) => candidate.text.startsWith(prefix));
  assert.ok(step, `no step starts with ${prefix}`);
  return step;
}

/** Returns the estimated width of a row's label and the start of its description, which VS Code draws at 0.9 size after a gap. */
function rowWidth(label: string, description: string): number {
  return textWidth(label) + textWidth(description) * 0.9 + 0.8;
}

/** Returns the estimated width of a row's label and its size and counts. */
function factsWidth(analysis: Analysis, step: Step): number {
  return rowWidth(stepRowText(analysis, step).label, describeLayer(step, analysis.stack.layers[step.index], 'signs'));
}

describe('step row text', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyzeFile('Dockerfile');
  });

  it('size and counts fit the default width', () => {
    for (const step of analysis.steps) {
      const width = factsWidth(analysis, step);
      assert.ok(width <= stepRowCharacters, `${stepRowText(analysis, step).label} — ${stepRowText(analysis, step).description}: ${width}`);
    }
  });

  it('COPY --from rows differ', () => {
    const manifest = stepRowText(analysis, stepStartingWith(analysis, 'COPY --from=build /app/package.json'));
    const sources = stepRowText(analysis, stepStartingWith(analysis, 'COPY --from=build /app/src'));
    assert.equal(manifest.label, 'COPY ←build /app/pac…');
    assert.equal(sources.label, 'COPY ←build /app/src…');
  });

  it('RUN --mount keeps the command', () => {
    assert.equal(stepRowText(analysis, stepStartingWith(analysis, 'RUN --mount')).label, 'RUN npm ci');
  });

  it('FROM row keeps its description', () => {
    const text = stepRowText(analysis, analysis.steps[0]);
    assert.equal(text.label, 'FROM node:20-alpine');
    assert.equal(text.description, 'not read');
  });

  it('counts as signs, words for the tooltip', () => {
    const text = stepRowText(analysis, stepStartingWith(analysis, 'COPY --from=build /app/src'));
    assert.equal(text.description, '26 B · +2');
    assert.equal(text.layerWords, '26 B · 2 added');
    assert.equal(text.spoken, 'COPY --from=build /app/src /srv/src, step #3 on line 9, 26 B · 2 added');
  });

  it('RUN of unknown size', () => {
    assert.equal(stepRowText(analysis, stepStartingWith(analysis, 'RUN --mount')).description, 'size unknown · +2');
  });
});

describe('step row text of COPY --from two stages', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyzeFile('cross.Dockerfile');
  });

  it('labels name the stage', () => {
    assert.equal(stepRowText(analysis, stepStartingWith(analysis, 'COPY --from=builder-amd64')).label, 'COPY ←builder-amd64…');
    assert.equal(stepRowText(analysis, stepStartingWith(analysis, 'COPY --from=builder-arm64')).label, 'COPY ←builder-arm64…');
  });

  it('size and counts fit the default width', () => {
    for (const step of analysis.steps) {
      assert.ok(factsWidth(analysis, step) <= stepRowCharacters, stepRowText(analysis, step).label);
    }
  });
});

describe('step row text of a failing build', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyzeFile('broken.Dockerfile');
  });

  it('status follows size and counts', () => {
    assert.deepEqual(
      analysis.steps.map((step) => stepRowText(analysis, step).description),
      ['not read', '44 B · +1', 'fails here', '26 B · +2 · not run', 'would fail', 'no layer · not run'],
    );
  });

  it('size and counts fit the default width', () => {
    for (const step of analysis.steps) {
      assert.ok(factsWidth(analysis, step) <= stepRowCharacters, stepRowText(analysis, step).label);
    }
  });

  it('status in words for screen readers', () => {
    const spoken = analysis.steps.map((step) => stepRowText(analysis, step).spoken);
    assert.equal(spoken[2], 'COPY missing.txt /srv/, step #2 on line 3, build fails here');
    assert.equal(spoken[3], 'COPY src/ /srv/src/, step #3 on line 4, 26 B · 2 added · not reached');
    assert.equal(spoken[4], 'COPY missing.txt /srv/again/, step #4 on line 5, not reached · would fail too');
  });

  it('tooltip layer line has no status', () => {
    assert.equal(stepRowText(analysis, stepStartingWith(analysis, 'COPY src/')).layerWords, '26 B · 2 added');
  });
});

describe('step row text of a rejected Dockerfile', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyzeFile('typo.Dockerfile');
  });

  it('short status after size and counts', () => {
    const rows = analysis.steps.map((step) => stepRowText(analysis, step));
    assert.deepEqual(
      rows.map((row) => `${row.label} | ${row.description}`),
      [
        'FROM busybox… | not read · not run',
        'ENV APP_HOM… | no layer · not run',
        'WORKDIR $AP… | 0 B · +1 · not run',
        'COPY… | size unknown · ~1 · not run',
        'COPY config/default.js… | would fail',
        'COPY docs /usr/share/… | would fail',
        'COPPY src /x | fails here',
        'RUN… | size unknown · -1 · not run',
        'USER 1000 | no layer · not run',
        'CMD ["/bin/sh"… | no layer · not run',
      ],
    );
  });

  it('status fits the default width', () => {
    for (const step of analysis.steps) {
      const text = stepRowText(analysis, step);
      assert.ok(rowWidth(text.label, text.description) <= stepRowCharacters, `${text.label} — ${text.description}`);
    }
  });

  it('FROM of a read base image keeps its status', async () => {
    // 282 files of 7 kB: a base image of about 2.0 MB, as a small Alpine image read from the engine.
    const files: LayerEntry[] = Array.from({ length: 282 }, (_, index) => ({ op: 'write', path: `/lib/file${index}`, type: 'file', size: 7_000, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' }));
    const base: KnownImage = { layer: { entries: files, certainty: 'exact' } };
    const dockerfilePath = path.join(fixture, 'typo.Dockerfile');
    const read = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), images: (reference) => (reference === 'busybox:local' ? base : undefined) });
    const text = stepRowText(read, read.steps[0]);

    assert.equal(`${text.label} | ${text.description}`, 'FROM bu… | 2.0 MB · +282 · not run');
    assert.ok(rowWidth(text.label, text.description) <= stepRowCharacters, `${text.label} — ${text.description}`);
  });

  it('tooltip keeps the long status', () => {
    assert.equal(stepRowText(analysis, stepStartingWith(analysis, 'USER')).spoken, 'USER 1000, step #8 on line 9, no layer · not reached');
  });
});

describe('step row text of a flag the builder rejects', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyzeFile('badflag.Dockerfile');
  });

  it('label keeps the rejected flag', () => {
    const text = stepRowText(analysis, stepStartingWith(analysis, 'COPY --frm'));

    assert.equal(text.label, 'COPY --frm=build…');
    assert.equal(text.description, 'fails here');
    assert.ok(rowWidth(text.label, text.description) <= stepRowCharacters, text.label);
  });

  it('accepted flags still dropped', () => {
    const text = stepRowText(analysis, stepStartingWith(analysis, 'COPY --from'));

    assert.equal(text.label, 'COPY ←build…');
    assert.equal(text.description, '26 B · +2 · not run');
  });
});

describe('step row text of a linked image with a misspelt flag', () => {
  let analysis: Analysis;

  before(async () => {
    // A misspelt flag on a line added since the build: the builder rejects the Dockerfile, so rows read `not run`, and that line's row `predicted`.
    const dockerfilePath = path.resolve(__dirname, '../../fixtures/cases/16-rm-rf-recreate/Dockerfile');
    const text = `${readFileSync(dockerfilePath, 'utf8')}COPY --frm=build /app/dist ./d2\n`;
    const image = await readImage({ kind: 'path', path: path.resolve(__dirname, '../../fixtures/images/16-rm-rf-recreate.docker-overlay2.tar') });
    analysis = linkAnalysis(await analyze({ dockerfilePath, text }), image, linkDockerfile(image, text, { path: dockerfilePath }));
  });

  it('rows keep their state and predicted mark', () => {
    assert.deepEqual(
      analysis.steps.map((step) => `${stepRowText(analysis, step).label} | ${stepRowText(analysis, step).description}`),
      [
        'base layer 1 of 1… | 2.0 MB · +62',
        'FROM busybox… | no layer · not run',
        'COPY data/… | 1.0 kB · +7 · not run',
        'RUN rm -rf… | 12 B · +1 ~2 · not run',
        'RUN rm… | 9 B · +1 ~3 -1 · not run',
        'COPY --frm… | fails here · predicted',
      ],
    );
    for (const step of analysis.steps) {
      const text = stepRowText(analysis, step);
      assert.ok(rowWidth(text.label, text.description) <= stepRowCharacters, `${text.label} — ${text.description}`);
    }
  });
});

describe('step row text of RUN --mount under the classic builder', () => {
  it('label keeps the flag name and the status', async () => {
    const analysis = await analyzeFile('mount.Dockerfile', 'classic');
    const text = stepRowText(analysis, stepStartingWith(analysis, 'RUN --mount'));

    assert.equal(text.label, 'RUN --mount=…');
    assert.equal(text.description, 'would fail');
    assert.ok(rowWidth(text.label, text.description) <= stepRowCharacters, text.label);
  });
});

describe('step row text in capitals', () => {
  it('ENV leaves room for its description', async () => {
    const analysis = await analyzeFile('runtime.Dockerfile');
    const text = stepRowText(analysis, stepStartingWith(analysis, 'ENV'));

    assert.equal(text.label, 'ENV APP_HOME=/srv/a…');
    assert.equal(text.description, 'no layer');
    assert.ok(rowWidth(text.label, text.description) <= stepRowCharacters);
  });
});

describe('step row ids', () => {
  it('expansion follows a moved step', async () => {
    const before = await analyzeFile('Dockerfile');
    const after = await analyzeFile('moved.Dockerfile');
    const document = 'file:///tree-rows/Dockerfile';
    const idBefore = (analysis: Analysis, prefix: string) => stepRowId(document, analysis.steps, stepStartingWith(analysis, prefix));

    assert.equal(idBefore(after, 'COPY src/'), idBefore(before, 'COPY src/'));
    // After the move, the RUN sits on the line where COPY src/ was, and must not take its id.
    assert.equal(stepStartingWith(after, 'RUN').line, stepStartingWith(before, 'COPY src/').line);
    assert.notEqual(idBefore(after, 'RUN'), idBefore(before, 'COPY src/'));
  });

  it('same instruction twice gets two ids', async () => {
    const analysis = await analyzeFile('Dockerfile');
    const ids = analysis.steps.map((step) => stepRowId('file:///d', analysis.steps, step));
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(analysis.steps.filter((step) => step.text === 'COPY src/ ./src/').length, 2);
  });

  it('known empty file in an open layer', async () => {
    // `rm /bin/vi` leaves what the RUN writes unknown, but the one file it adds is known to be 0 B,
    // as `explain` and the hover give it.
    const dockerfilePath = path.join(fixture, 'Dockerfile');
    const analysis = await analyze({ dockerfilePath, text: 'FROM alpine\nRUN touch /empty.txt && rm /bin/vi\n' });
    const step = stepStartingWith(analysis, 'RUN touch');

    assert.match(describeLayer(step, analysis.stack.layers[step.index], 'signs'), /^at least 0 B · \+1/);
    assert.equal(analysis.stack.layers[step.index].layer.certainty, 'unknown');
  });
});
