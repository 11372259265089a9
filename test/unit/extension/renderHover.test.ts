import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { makeLayer } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { codeSpan } from '../../../src/extension/hover/markdown';
import { findStageStep } from '../../../src/core/analysis/stageViews';
import { renderGlobalArgHover, renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { predict, removeContexts } from '../predict/helpers';

const dockerfilePath = path.resolve(__dirname, '../../fixtures/hover/project/Dockerfile');
const uri = 'file:///project/Dockerfile';

/** Renders the hover of the step on a 1-based line. */
function hoverAt(analysis: Analysis, line: number): string {
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step on line ${line}`);
  return renderStepHover(analysis, step, uri);
}

describe('renderStepHover', () => {
  after(removeContexts);

  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  });

  it('COPY that shadows', () => {
    const links = [
      '[Reveal in Image Layers](command:layerLens.revealLayer?%5B3%2C%22file%3A%2F%2F%2Fproject%2FDockerfile%22%5D)',
      '[Show merged filesystem at this layer](command:layerLens.showMergedFilesystem?%5B%7B%22uri%22%3A%22file%3A%2F%2F%2Fproject%2FDockerfile%22%2C%22layer%22%3A3%7D%5D)',
    ].join(' · ');
    const expected = [
      '**Step #3 of stage 2** · line 14',
      'Makes a filesystem layer of 39 B.',
      '**Modifies** 1 path (39 B), shadowing the version from line 13 (29 B):\n- `/etc/app/config.yaml` 39 B, shadows line 13',
      '**Exact:** follows from the Dockerfile and the build context, as a builder would write it.',
      'Modelled on BuildKit with overlay storage.',
      links,
    ].join('\n\n');
    assert.equal(hoverAt(analysis, 14), expected);
  });

  it('ENV continuation line', () => {
    const hover = hoverAt(analysis, 12);
    assert.match(hover, /^\*\*Step #1 of stage 2\*\* · lines 11–12\n/);
    assert.ok(hover.includes('makes no filesystem layer'));
    assert.ok(hover.includes('sets environment variables'));
    assert.ok(!hover.includes('Makes a filesystem layer'));
  });

  it('heredoc body line', () => {
    const hover = hoverAt(analysis, 16);
    assert.match(hover, /^\*\*Step #4 of stage 2\*\* · lines 15–17\n/);
    assert.ok(hover.includes('**Adds** 1 path (27 B):\n- `/etc/motd` 27 B\n'));
  });

  it('COPY of many files lists the largest', () => {
    const hover = hoverAt(analysis, 18);
    const listed = hover.split('\n').filter((line) => line.startsWith('- '));
    assert.deepEqual(listed, [
      '- `/opt/app/lib/part10.sh` 1.0 kB',
      '- `/opt/app/lib/part09.sh` 900 B',
      '- `/opt/app/lib/part08.sh` 800 B',
      '- `/opt/app/lib/part07.sh` 700 B',
      '- `/opt/app/lib/part06.sh` 600 B',
      '- `/opt/app/lib/part05.sh` 500 B',
      '- `/opt/app/lib/part04.sh` 400 B',
      '- `/opt/app/lib/part03.sh` 300 B',
      '- and 7 more',
      // /opt comes from the assumed base image, which may lack it.
      '- The base image busybox:3\\.19 is not read, so this assumes it has /opt, as most Linux images do\\. If it does not, the builder creates it in this layer\\.',
    ]);
  });

  it('FROM an external image', () => {
    const hover = hoverAt(analysis, 10);
    assert.ok(hover.includes('Base image `busybox:${VERSION}` (expands to `busybox:3.19`).'));
    // Only the step's note states that the base image is not read and its contents are unknown.
    assert.equal(hover.match(/not read/g)?.length, 1, hover);
    assert.equal(hover.match(/contents are unknown/g)?.length, 1, hover);
    assert.ok(!hover.includes('Adds 27 paths'), 'the assumed folders are not listed as added');
    assert.ok(hover.includes('**Unknown:** cannot be known without building the image'));
    // Notes are plain text, escaped for Markdown.
    assert.ok(hover.includes('- The base image busybox:3\\.19'), 'the step notes are listed');
  });

  it('note with underscores stays as written', async () => {
    const note = await predict('FROM python:3.12\nRUN rm -rf /srv/app/__pycache__\n');
    const hover = renderStepHover(note, note.steps[1], 'file:///Dockerfile');
    assert.ok(hover.includes('/srv/app/\\_\\_pycache\\_\\_'), hover);
    assert.ok(!hover.includes('/srv/app/__pycache__ is'), 'no raw underscores outside code spans');
  });

  it('CMD', () => {
    assert.ok(hoverAt(analysis, 20).includes('**makes no filesystem layer**: it sets the default command of the container.'));
  });

  it('lines without a step', () => {
    assert.equal(stepAtLine(analysis, 9), undefined);
    assert.equal(stepAtLine(analysis, 3), undefined);
    assert.equal(stepAtLine(analysis, 21), undefined);
  });

  it('COPY notes.txt in a skipped stage', () => {
    const found = findStageStep(analysis, 8);
    assert.ok(found);
    const sections = renderStepHover(found.view, found.step, uri, analysis).split('\n\n');
    assert.equal(sections[0], '**Step #1 of stage docs** · line 8');
    assert.equal(sections[1], 'BuildKit skips stage docs: the target stage 2 does not continue it, copy from it or mount it, directly or through another stage.');
    assert.equal(sections[2], 'In a build of this stage, it would make a filesystem layer of 39 B.');
    const links = [
      '[Reveal in Image Layers](command:layerLens.revealLayer?%5B1%2C%22file%3A%2F%2F%2Fproject%2FDockerfile%22%2C1%5D)',
      '[Show merged filesystem at this layer](command:layerLens.showMergedFilesystem?%5B%7B%22uri%22%3A%22file%3A%2F%2F%2Fproject%2FDockerfile%22%2C%22layer%22%3A1%2C%22stage%22%3A1%7D%5D)',
    ].join(' · ');
    assert.equal(sections.at(-1), links);
  });

  it('links of a stage the target copies from', () => {
    const found = findStageStep(analysis, 5);
    assert.ok(found);
    const last = renderStepHover(found.view, found.step, uri, analysis).split('\n\n').at(-1) ?? '';
    const [reveal, merged] = [...last.matchAll(/\(command:([\w.]+)\?([^)]*)\)/g)].map((match) => [match[1], JSON.parse(decodeURIComponent(match[2]))]);
    assert.deepEqual(reveal, ['layerLens.revealLayer', [3, uri, 0]]);
    assert.deepEqual(merged, ['layerLens.showMergedFilesystem', [{ uri, layer: 3, stage: 0 }]]);
  });

  it('RUN in a stage the target copies from', () => {
    const found = findStageStep(analysis, 5);
    assert.ok(found);
    const sections = renderStepHover(found.view, found.step, uri, analysis).split('\n\n');
    assert.equal(sections[0], '**Step #3 of stage build** · line 5');
    assert.equal(sections[1], 'BuildKit builds stage build for the target stage 2, because line 18 copies from it.');
    assert.ok(sections[3].startsWith('**Adds** 1 path'), sections[3]);
  });
});

describe('renderStepHover builder', () => {
  it('COPY <<EOF /etc/motd', async () => {
    const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
    const sections = hoverAt(analysis, 15).split('\n\n');
    assert.equal(
      sections[sections.length - 2],
      'Modelled on BuildKit with overlay storage. The classic Docker builder and buildah reject heredocs (<<EOF), which only BuildKit accepts.',
    );
  });

  it('classic builder named', async () => {
    const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), builder: 'classic' });
    const sections = hoverAt(analysis, 14).split('\n\n');
    assert.equal(sections[sections.length - 2], 'Modelled on the classic Docker builder with overlay storage.');
  });
});

describe('renderStepHover deletions', () => {
  it('RUN rm -rf /tmp/cache', () => {
    const stack = new LayerStack();
    stack.push(makeLayer([
      { op: 'write', path: '/tmp', type: 'directory', size: 0, mode: 0o1777, uid: 0, gid: 0, certainty: 'exact' },
      { op: 'write', path: '/tmp/cache', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' },
      { op: 'write', path: '/tmp/cache/a.bin', type: 'file', size: 4000, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' },
    ]));
    stack.push(makeLayer([{ op: 'delete', path: '/tmp/cache', certainty: 'estimated' }]));
    const analysis: Analysis = {
      dockerfilePath: '/project/Dockerfile',
      contextPath: '/project',
      stages: [{ index: 0, name: 'app', base: 'scratch', baseResolved: 'scratch', parentStage: null, line: 1, platform: null }],
      target: 0,
      steps: [
        { index: 0, stage: 0, line: 2, endLine: 2, instruction: 'COPY', text: 'COPY tmp/ /tmp/', emptyLayer: false, certainty: 'exact', notes: [] },
        { index: 1, stage: 0, line: 3, endLine: 3, instruction: 'RUN', text: 'RUN rm -rf /tmp/cache', emptyLayer: false, certainty: 'estimated', notes: [] },
      ],
      stack,
      problems: [],
      contextProblems: [],
    };
    const hover = hoverAt(analysis, 3);
    // The folder and the path in it, as the Merged Filesystem panel counts them.
    assert.ok(hover.includes('**Deletes** 1 path and 1 path below it (4.0 kB):\n- `/tmp/cache` removes the folder and the path in it, estimated\n'), hover);
    assert.ok(hover.includes('**Estimated:** a best guess'));
  });
});

describe('codeSpan', () => {
  it('plain path', () => assert.equal(codeSpan('/etc/motd'), '`/etc/motd`'));
  it('path with a backtick', () => assert.equal(codeSpan('/a`b'), '``/a`b``'));
  it('path ending in a backtick', () => assert.equal(codeSpan('a`'), '`` a` ``'));
});

describe('renderStepHover of a mode change', () => {
  after(removeContexts);

  it('RUN chmod +x of a copied file', async () => {
    const analysis = await predict('FROM shell-only\nCOPY main.py /app/main.py\nRUN chmod +x /app/main.py\n', { 'main.py': { content: 'print(1)\n', mode: 0o644 } });
    const hover = hoverAt(analysis, 3);
    // A prediction hashes no file, so it cannot tell that the bytes stayed the same: no "only".
    assert.ok(hover.includes('- `/app/main.py` 9 B, mode 0644 → 0755, shadows line 2'), hover);
  });
});

describe('renderStepHover of FROM', () => {
  const stagesPath = path.resolve(__dirname, '../../fixtures/hover/project/stages.Dockerfile');
  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath: stagesPath, text: readFileSync(stagesPath, 'utf8') });
  });

  it('FROM scratch AS base', () => {
    const hover = hoverAt(analysis, 1);
    assert.ok(hover.includes('Starts from `scratch`, an empty filesystem.'), hover);
    assert.ok(hover.includes('**makes no filesystem layer**: it starts the stage from an empty filesystem.'), hover);
  });

  it('FROM base', () => {
    const hover = hoverAt(analysis, 4);
    assert.match(hover, /^\*\*Step #2 of stage 1\*\* · line 4\n/);
    assert.ok(hover.includes('Continues stage base.'), hover);
    assert.ok(hover.includes('**makes no filesystem layer**: it continues with the filesystem of that stage.'), hover);
  });
});

describe('renderStepHover of failing steps', () => {
  /** Renders the hover on a 1-based line of a Dockerfile text analysed in the hover fixture project. */
  async function hoverOf(text: string, line: number): Promise<string> {
    const analysis = await analyze({ dockerfilePath, text });
    const found = findStageStep(analysis, line);
    assert.ok(found, `no step on line ${line}`);
    return renderStepHover(found.view, found.step, uri, analysis);
  }

  it('COPY missing.txt /app/', async () => {
    const sections = (await hoverOf('FROM scratch\nCOPY missing.txt /app/\n', 2)).split('\n\n');
    assert.equal(sections[1], '**The build fails on this step**, so it makes no layer and the steps after it do not run.');
    // VS Code shows the diagnostic in the same hover, so the hover does not repeat it.
    assert.ok(!sections.some((section) => section.includes('was not found')), sections.join('\n\n'));
    assert.ok(!sections.some((section) => section.includes('Makes a filesystem layer')), sections.join('\n\n'));
    assert.ok(!sections.some((section) => section.includes('**Exact:**')), 'no certainty for a layer that is never made');
  });

  it('RUN false: error left to diagnostic', async () => {
    const sections = (await hoverOf('FROM alpine\nRUN false\n', 2)).split('\n\n');
    assert.equal(sections[1], '**The build fails on this step**, so it makes no layer and the steps after it do not run.');
    assert.ok(!sections.some((section) => section.includes('non\\-zero exit status')), sections.join('\n\n'));
  });

  it('RUNN echo typo', async () => {
    const sections = (await hoverOf('FROM scratch\nRUNN echo typo\n', 2)).split('\n\n');
    assert.equal(
      sections[1],
      '**The build fails before any step runs:** `RUNN` is not a Dockerfile instruction, and BuildKit and the classic builder reject the whole Dockerfile with `unknown instruction: RUNN`. Read as RUN, this step would make an empty layer.',
    );
    assert.ok(!sections.some((section) => section.includes('image configuration')), sections.join('\n\n'));
  });

  it('RUNN echo typo under buildah', async () => {
    const text = 'FROM scratch AS unused\nRUNN skipped\nFROM scratch\nRUNN echo typo\n';
    const analysis = await analyze({ dockerfilePath, text, builder: 'buildah' });
    const sectionsAt = (line: number) => {
      const found = findStageStep(analysis, line);
      assert.ok(found, `no step on line ${line}`);
      return renderStepHover(found.view, found.step, uri, analysis).split('\n\n');
    };
    const fact = 'is not a Dockerfile instruction, and buildah rejects it when the build reaches it, with';
    assert.equal(sectionsAt(4)[1], `**The build fails on this step:** \`RUNN\` ${fact} \`Unknown instruction: "RUNN"\`. Read as RUN, this step would make an empty layer.`);
    assert.ok(sectionsAt(2).includes(`\`RUNN\` ${fact} \`Unknown instruction: "RUNN"\`. This line makes no layer.`), sectionsAt(2).join('\n\n'));
  });

  it('COPY notes.txt /notes.txt', async () => {
    const hover = await hoverOf('FROM scratch\nCOPY notes.txt /notes.txt\n', 2);
    assert.ok(hover.includes('Makes a filesystem layer of 39 B.'), hover);
    assert.ok(!hover.includes('fails'), hover);
    assert.ok(!hover.includes('Not reached'), hover);
  });

  it('step after a failing step', async () => {
    const sections = (await hoverOf('FROM scratch\nCOPY missing.txt /app/\nCOPY notes.txt /notes.txt\n', 3)).split('\n\n');
    assert.equal(sections[1], '**Not reached:** the build stops at step #1 (line 2). The prediction below is made without the changes of that step.');
    assert.equal(sections[2], 'Makes a filesystem layer of 39 B.');
  });

  it('step after a failing ENV', async () => {
    // The classic builder lacks `${V-w}`, but the COPY is predicted with E from line 3.
    const analysis = await predict('FROM scratch\nARG V\nENV E=${V-w}\nCOPY a.txt /$E.txt\n', { 'a.txt': 'a' }, { builder: 'classic' });
    const step = stepAtLine(analysis, 4);
    assert.ok(step);
    const sections = renderStepHover(analysis, step, uri).split('\n\n');
    assert.equal(sections[1], '**Not reached:** the build stops at step #2 (line 3). The prediction below is made as if that step had not failed.');
    assert.ok(sections.some((section) => section.includes('/w.txt')), sections.join('\n\n'));
  });

  it('failing step after a failing step', async () => {
    const sections = (await hoverOf('FROM scratch\nCOPY missing.txt /app/\nCOPY gone.txt /gone/\n', 3)).split('\n\n');
    assert.equal(sections[1], '**Not reached:** the build stops at step #1 (line 2).');
    assert.equal(sections[2], '**This step would fail too**, so it makes no layer.');
  });

  it('step not reached states its failure once', async () => {
    // The classic builder rejects RUN --mount, and line 3 makes it reject the whole Dockerfile first.
    const text = 'FROM scratch\nRUN --mount=type=cache,target=/root/.cache true\nWORKDIRR /app\n';
    const analysis = await predict(text, {}, { builder: 'classic' });
    const step = stepAtLine(analysis, 2);
    assert.ok(step);
    const sections = renderStepHover(analysis, step, uri).split('\n\n');
    // VS Code shows the diagnostic below, which reads "This step would fail once line 3 is fixed".
    assert.equal(sections[1], '**Not reached:** the builder rejects the whole Dockerfile at step #2 (line 3), so no step runs.');
    assert.ok(!sections.some((section) => section.includes('would fail')), sections.join('\n\n'));
    assert.match(analysis.problems.find((problem) => problem.line === 2)?.message ?? '', /This step would fail once line 3 is fixed/);
  });

  it('step after a failing stage', async () => {
    const text = 'FROM scratch AS build\nCOPY missing.txt /m\nCOPY notes.txt /notes.txt\nFROM scratch AS final\nCOPY --from=build /notes.txt /n\n';
    const sections = (await hoverOf(text, 5)).split('\n\n');
    assert.equal(sections[1], '**Not reached:** the build stops at step #1 of stage build (line 2). The prediction below is made without the changes of that step.');
  });

  it('failing step in a skipped stage', async () => {
    const text = 'FROM scratch AS unused\nCOPY missing.txt /m.txt\nFROM scratch AS final\nCOPY notes.txt /notes.txt\n';
    const sections = (await hoverOf(text, 2)).split('\n\n');
    assert.equal(sections[0], '**Step #1 of stage unused** · line 2');
    assert.match(sections[1], /^BuildKit skips stage unused:/);
    assert.equal(sections[2], '**This step would fail** in a build that includes stage unused, as the warning on this line explains, so it makes no layer.');
    assert.ok(!sections.some((section) => section.includes('Makes a filesystem layer')), sections.join('\n\n'));
    assert.ok(!sections.some((section) => section.includes('**Exact:**')), 'no certainty for a layer that is never made');
  });
});

describe('renderStepHover of stages by target and builder', () => {
  const text = ['FROM scratch AS build', 'COPY notes.txt /out/notes.txt', '', 'FROM scratch AS final', 'COPY --from=build /out/notes.txt /notes.txt', ''].join('\n');

  /** Returns the sentence on whether the stage of a 1-based line is built. */
  async function buildSentence(line: number, target?: string, builder?: 'classic'): Promise<string> {
    const analysis = await analyze({ dockerfilePath, text, target, builder });
    const found = findStageStep(analysis, line);
    assert.ok(found, `no step on line ${line}`);
    return renderStepHover(found.view, found.step, uri, analysis).split('\n\n')[1];
  }

  it('stage after the target stage `build`', async () => {
    assert.equal(
      await buildSentence(5, 'build'),
      'BuildKit skips stage final: the target stage build does not continue it, copy from it or mount it, directly or through another stage.',
    );
  });

  it('classic builder, stage after the target', async () => {
    assert.equal(await buildSentence(5, 'build', 'classic'), 'The classic Docker builder stops after the target stage build, so it never builds stage final.');
  });

  it('classic builder, stage before the target', async () => {
    assert.equal(
      await buildSentence(2, undefined, 'classic'),
      'The classic Docker builder builds every stage up to the target stage final, this one included, and line 5 copies from it.',
    );
  });

  it('target stage has no sentence', async () => {
    assert.equal(await buildSentence(5), 'Makes a filesystem layer of 39 B.');
  });
});

describe('renderGlobalArgHover', () => {
  it('names the declared arguments', () => {
    const hover = renderGlobalArgHover('ARG NODE_VERSION=20 BASE');
    assert.ok(hover.startsWith('**Build argument before the first FROM** (`NODE_VERSION`, `BASE`)'), hover);
    assert.match(hover, /makes no filesystem layer/);
  });
});
