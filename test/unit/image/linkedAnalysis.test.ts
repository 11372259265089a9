import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { imageConfig, knownImageOf } from '../../../src/core/image/knownImage';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis, linkedImageOf, type LinkedAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { shellOnlyImage } from '../predict/helpers';

const fixtures = join(__dirname, '../../fixtures');
const baseReference = 'busybox-local:2';

function caseDockerfile(name: string): string {
  return join(fixtures, 'cases', name, 'Dockerfile');
}

/** Predicts `text` as the Dockerfile of case `name`, stacked on the image's base layers, and links the image. */
async function linkCase(name: string, image: ImageData, text = readFileSync(caseDockerfile(name), 'utf8')): Promise<LinkedAnalysis> {
  const link = linkDockerfile(image, text, { path: caseDockerfile(name) });
  const base = knownImageOf(image, link.mapping.baseEntries);
  const builder = link.mapping.builder === 'classic' || link.mapping.builder === 'buildah' ? link.mapping.builder : undefined;
  const prediction = await analyze({ dockerfilePath: caseDockerfile(name), text, builder, images: (reference) => (reference === baseReference ? base : undefined) });
  return linkAnalysis(prediction, image, link);
}

/** Describes each step as `source line text`. */
function stepsOf(analysis: LinkedAnalysis): string[] {
  return analysis.steps.map((step) => `${analysis.image.sources[step.index].kind} ${step.line} ${step.text}`);
}

/** Lists a step's layer as `change path`, with `(opaque)` on opaque directories. */
function changesOf(analysis: Analysis, index: number): string[] {
  return analysis.stack.layers[index].entries.map(({ entry, change }) => `${change} ${entry.path}${entry.op === 'write' && entry.opaque ? ' (opaque)' : ''}`);
}

function problemsOf(analysis: Analysis): string[] {
  return analysis.problems.map((problem) => `${problem.line} ${problem.severity}: ${problem.message}`);
}

describe('linkAnalysis', () => {
  let overlay: ImageData;
  let buildah: ImageData;

  before(async () => {
    overlay = await readImage({ kind: 'path', path: join(fixtures, 'images', '16-rm-rf-recreate.docker-overlay2.tar') });
    buildah = await readImage({ kind: 'path', path: join(fixtures, 'images', '21-run-chains.buildah.tar') });
  });

  it('16-rm-rf-recreate steps', async () => {
    const linked = await linkCase('16-rm-rf-recreate', overlay);

    assert.deepEqual(stepsOf(linked), [
      'base 1 history entry 0: Imported from -',
      'base 1 FROM busybox-local:2',
      'image 2 COPY data/ /data/',
      'image 3 RUN rm -rf /data && mkdir /data && echo fresh > /data/new.txt && echo again > /data/a.txt',
      'image 4 RUN rm -rf /usr/share/doc/* && echo replaced > /usr/share/doc/NOTE',
    ]);
    assert.equal(linked.image.name, 'oracle/16-rm-rf-recreate:docker-overlay2');
    assert.equal(linked.image.baseSteps, 2);
    assert.equal(linked.image.mappedSteps, 3);
    assert.equal(linked.image.builder, 'classic');
    assert.deepEqual(linked.image.imageProblems, []);
    assert.equal(linkedImageOf(linked), linked.image);
  });

  it('16-rm-rf-recreate exact layers', async () => {
    const linked = await linkCase('16-rm-rf-recreate', overlay);

    assert.deepEqual(changesOf(linked, 3), ['modified /data (opaque)', 'modified /data/a.txt', 'added /data/new.txt']);
    assert.deepEqual(changesOf(linked, 4), ['modified /usr', 'modified /usr/share', 'modified /usr/share/doc', 'added /usr/share/doc/NOTE', 'deleted /usr/share/doc/base']);
    assert.deepEqual(changesOf(linked, 1), []);
    assert.equal(linked.steps[1].emptyLayer, true);
    assert.ok(linked.steps.every((step) => step.certainty === 'exact'));
    assert.equal(linked.stack.layers[0].entries.length, overlay.layers[0].layer.entries.length);
  });

  it('16-rm-rf-recreate agrees with its prediction', async () => {
    const linked = await linkCase('16-rm-rf-recreate', overlay);

    assert.deepEqual(problemsOf(linked).filter((problem) => problem.includes('differs')), []);
  });

  it('21-run-chains buildah agrees', async () => {
    const linked = await linkCase('21-run-chains', buildah);

    assert.deepEqual(problemsOf(linked).filter((problem) => problem.includes('differs')), []);
    assert.equal(linked.image.builder, 'buildah');
  });

  it('failing prediction compares no later step', async () => {
    // An empty context lacks the data/ folder that line 2 copies, so the prediction stops there.
    const context = mkdtempSync(join(tmpdir(), 'layer-lens-empty-context-'));
    try {
      const text = readFileSync(caseDockerfile('16-rm-rf-recreate'), 'utf8');
      const link = linkDockerfile(overlay, text, { path: caseDockerfile('16-rm-rf-recreate') });
      const base = knownImageOf(overlay, link.mapping.baseEntries);
      const images = (reference: string) => (reference === baseReference ? base : undefined);
      const prediction = await analyze({ dockerfilePath: caseDockerfile('16-rm-rf-recreate'), contextPath: context, text, builder: 'classic', images });
      assert.deepEqual(prediction.steps.map((step) => `${step.line} ${step.failed ? 'failed' : step.notReached ? 'not reached' : 'runs'}`), ['1 runs', '2 failed', '3 not reached', '4 not reached']);

      const linked = linkAnalysis(prediction, overlay, link);

      assert.deepEqual(linked.image.differences, []);
      assert.equal(linked.image.mappedSteps, 3);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  });

  it('added line is predicted on real layers', async () => {
    const text = readFileSync(caseDockerfile('16-rm-rf-recreate'), 'utf8') + 'COPY data/a.txt /usr/share/doc/NOTE\n';

    const linked = await linkCase('16-rm-rf-recreate', overlay, text);

    assert.deepEqual(stepsOf(linked).slice(-1), ['predicted 5 COPY data/a.txt /usr/share/doc/NOTE']);
    assert.deepEqual(changesOf(linked, 5), ['modified /usr/share/doc/NOTE']);
    assert.equal(linked.stack.layers[5].entries[0].lowerLayer, 4);
    assert.ok(problemsOf(linked).includes('5 warning: No history entry of the image matches this COPY: the line was added or changed since the image was built.'), problemsOf(linked).join('\n'));
  });

  it('changed line keeps the exact layer', async () => {
    const text = readFileSync(caseDockerfile('16-rm-rf-recreate'), 'utf8').replace('echo replaced', 'echo changed');

    const linked = await linkCase('16-rm-rf-recreate', overlay, text);

    assert.equal(linked.image.sources[4].kind, 'image');
    assert.deepEqual(changesOf(linked, 4), ['modified /usr', 'modified /usr/share', 'modified /usr/share/doc', 'added /usr/share/doc/NOTE', 'deleted /usr/share/doc/base']);
    assert.ok(problemsOf(linked).some((problem) => problem.startsWith('4 warning: The image\'s history entry 3 records')), problemsOf(linked).join('\n'));
  });

  it('unrelated Dockerfile keeps the prediction', async () => {
    const text = 'FROM busybox-local:2\nCOPY data/b.txt /srv/b.txt\n';

    const linked = await linkCase('16-rm-rf-recreate', overlay, text);

    assert.deepEqual(stepsOf(linked), ['predicted 1 FROM busybox-local:2', 'predicted 2 COPY data/b.txt /srv/b.txt']);
    assert.equal(linked.image.mappedSteps, 0);
    assert.deepEqual(problemsOf(linked), [
      '1 warning: No history entry of the image matches a line of this Dockerfile: check that the image was built from it, with the same target.',
    ]);
  });
});

describe('knownImageOf', () => {
  it('base path reads as modified', async () => {
    const image = await readImage({ kind: 'path', path: join(fixtures, 'images', 'busybox-local-2.tar') });
    const base = knownImageOf(image);
    const text = 'FROM busybox-local:2\nCOPY data/a.txt /etc/passwd\nCOPY data/a.txt /bin/echo\n';
    const dockerfilePath = caseDockerfile('16-rm-rf-recreate');

    const known = await analyze({ dockerfilePath, text, images: (reference) => (reference === baseReference ? base : undefined) });
    const unknown = await analyze({ dockerfilePath, text });

    assert.deepEqual(changesOf(known, 1), ['modified /etc/passwd']);
    assert.deepEqual(changesOf(unknown, 1), ['added /etc/passwd']);
    // /bin/echo is a symlink to busybox in the image, and BuildKit writes through it.
    assert.deepEqual(changesOf(known, 2), ['modified /bin/busybox']);
    assert.deepEqual(changesOf(unknown, 2), ['added /bin/echo']);
    assert.equal(base.layer.certainty, 'exact');
    assert.ok(base.layer.entries.every((entry) => entry.op === 'write' && !entry.opaque));
  });

  it('history prefix keeps earlier layers', async () => {
    const image = await readImage({ kind: 'path', path: join(fixtures, 'images', '16-rm-rf-recreate.docker-overlay2.tar') });

    const paths = (entries: number) => knownImageOf(image, entries).layer.entries.map((entry) => entry.path);

    assert.ok(!paths(1).includes('/data'));
    assert.ok(paths(2).includes('/data/b.txt'));
    assert.ok(!paths(3).includes('/data/b.txt'));
    assert.ok(paths(3).includes('/data/new.txt'));
    assert.ok(paths(3).includes('/usr/share/doc/base'));
    assert.ok(!paths(4).includes('/usr/share/doc/base'));
  });
});

describe('base image configuration', () => {
  it('reads Env, WorkingDir and User', () => {
    const config = imageConfig({ config: { Env: ['PATH=/usr/bin:/bin', 'EMPTY=', 'A=b=c', 'NOEQUALS', 7], WorkingDir: '/srv/app/', User: 'node' } });
    assert.deepEqual(config && [...config.env], [['PATH', '/usr/bin:/bin'], ['EMPTY', ''], ['A', 'b=c']]);
    assert.equal(config?.workdir, '/srv/app');
    assert.equal(config?.user, 'node');
  });

  it('leaves out what is not set', () => {
    assert.deepEqual(imageConfig({ config: { Env: null, WorkingDir: '', User: '' } }), { env: new Map() });
    assert.equal(imageConfig({ config: { WorkingDir: 'relative' } })?.workdir, undefined);
    assert.equal(imageConfig({}), undefined);
  });

  it('comes from the whole image only', async () => {
    const image = await readImage({ kind: 'path', path: join(fixtures, 'images', 'real-layers', 'real-layers.docker-overlay2.tar') });
    assert.equal(knownImageOf(image).config?.env.get('GREETING'), 'hello');
    assert.equal(knownImageOf(image, 1).config, undefined);
  });

  it('starts the stages built on the image', async () => {
    const base: KnownImage = {
      layer: { entries: [...shellOnlyImage().layer.entries, { op: 'write', path: '/app', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' }], certainty: 'exact' },
      config: { env: new Map([['GOPATH', '/gopath'], ['SUB', 'sub']]), workdir: '/app', user: 'node' },
    };
    const text = 'FROM base:1\nCOPY data/a.txt .\nWORKDIR $SUB\nRUN touch /t\nRUN go install example.invalid/tool@latest\n';
    const dockerfilePath = caseDockerfile('16-rm-rf-recreate');
    const analysis = await analyze({ dockerfilePath, text, images: (reference) => (reference === 'base:1' ? base : undefined) });

    // WORKDIR of the image, then its ENV in an expansion of the Dockerfile.
    assert.ok(analysis.stack.lookup('/app/a.txt'), 'COPY into the image\'s WORKDIR');
    assert.ok(analysis.stack.lookup('/app/sub'), 'WORKDIR $SUB is /app/sub');
    // USER of the image: a name whose number is not known here.
    assert.equal(analysis.stack.lookup('/t')?.entry.uid, null);
    // GOPATH of the image for the RUN's shell.
    assert.ok(analysis.stack.lookup('/gopath/bin'), 'go install writes under the image\'s GOPATH');
  });
});
