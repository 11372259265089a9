import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { knownImageOf } from '../../../src/core/image/knownImage';
import { linkDockerfile, type DockerfileLink } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { shellOnlyImage } from '../predict/helpers';
import { dockerArchive, plainLayer, type TestHistoryEntry } from './imageBuilder';

// Built by Docker Engine's classic builder with --build-arg APP_ENV=dev --build-arg APP_HOME=/srv/app;
// see fixtures/images/README.md.
const folder = join(__dirname, '../../fixtures/images/argenv');
const dockerfilePath = join(folder, 'Dockerfile');
const dockerfile = readFileSync(dockerfilePath, 'utf8');

/** Describes each history entry as `base`, `line N`, `line N changed`, `unmatched` or `ambiguous`. */
function entriesOf(link: DockerfileLink): string[] {
  return link.mapping.entries.map((entry) => (entry.role === 'step' ? `line ${entry.line}${entry.match === 'changed' ? ' changed' : ''}` : entry.role));
}

function problemsOf(link: DockerfileLink): string[] {
  return link.mapping.problems.map((problem) => `${problem.line}: ${problem.message}`);
}

const mapped = ['base', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11'];

describe('build arguments read from history', () => {
  let image: ImageData;
  before(async () => {
    image = await readImage({ kind: 'path', path: join(folder, 'argenv-dev.docker.tar') });
  });

  it('classic image maps without --build-arg', () => {
    const link = linkDockerfile(image, dockerfile, { path: dockerfilePath });
    assert.deepEqual(problemsOf(link), []);
    assert.deepEqual(entriesOf(link), mapped);
    assert.deepEqual(link.buildArgs, { APP_ENV: 'dev', APP_HOME: '/srv/app' });
    assert.deepEqual(link.buildArgsFromHistory, ['APP_ENV', 'APP_HOME']);
  });

  it('recorded values match passed values', () => {
    const link = linkDockerfile(image, dockerfile, { path: dockerfilePath, buildArgs: { APP_ENV: 'dev', APP_HOME: '/srv/app' } });
    assert.deepEqual(problemsOf(link), []);
    assert.deepEqual(entriesOf(link), mapped);
    assert.deepEqual(link.buildArgsFromHistory, []);
  });

  it('passed values win and are named', () => {
    const link = linkDockerfile(image, dockerfile, { path: dockerfilePath, buildArgs: { APP_HOME: '/opt/myapp' } });
    assert.deepEqual(link.buildArgs, { APP_ENV: 'dev', APP_HOME: '/opt/myapp' });
    assert.deepEqual(link.buildArgsFromHistory, ['APP_ENV']);
    assert.deepEqual(entriesOf(link), ['base', 'line 4', 'line 5', 'line 6 changed', 'line 7', 'line 8 changed', 'line 9 changed', 'line 10 changed', 'line 11']);
    const hint = "The image's history records the build argument APP_HOME=/srv/app, but APP_HOME=/opt/myapp was used here. "
      + 'Pass the recorded value (--build-arg APP_HOME=/srv/app) if the image was built with it. Otherwise the Dockerfile changed since the image was built.';
    assert.deepEqual(problemsOf(link), [
      `6: The image's history entry 3 records "/bin/sh -c #(nop) ENV CONF_DIR=/srv/app/etc", which does not match this line. ${hint}`,
      `8: The image's history entry 5 records "/bin/sh -c #(nop) COPY file:fc55b121… in /srv/app/etc/", which does not match this line. ${hint}`,
      `9: The image's history entry 6 records "/bin/sh -c #(nop) COPY file:3902d5ca… in /srv/app/bin/app", which does not match this line. ${hint}`,
      `10: The image's history entry 7 records "/bin/sh -c #(nop) WORKDIR /srv/app", which does not match this line. ${hint}`,
    ]);
  });

  it('changed line keeps its usual cause', () => {
    const edited = dockerfile.replace('WORKDIR ${APP_HOME}', 'WORKDIR /elsewhere');
    const link = linkDockerfile(image, edited, { path: dockerfilePath });
    assert.deepEqual(link.buildArgsFromHistory, ['APP_ENV', 'APP_HOME']);
    assert.deepEqual(problemsOf(link), [
      `10: The image's history entry 7 records "/bin/sh -c #(nop) WORKDIR /srv/app", which does not match this line: the Dockerfile changed since the image was built.`,
    ]);
  });

  it('linked analysis predicts with recorded values', async () => {
    const link = linkDockerfile(image, dockerfile, { path: dockerfilePath });
    const base = knownImageOf(image, link.mapping.baseEntries);
    // The fixture's base layer keeps a few files of busybox only, and the RUN needs its /bin/sh.
    base.layer.entries.push(...shellOnlyImage().layer.entries);
    const prediction = await analyze({ dockerfilePath, text: dockerfile, buildArgs: link.buildArgs, builder: 'classic', images: (reference) => (reference === 'busybox-local:1' ? base : undefined) });
    const linked = linkAnalysis(prediction, image, link);
    assert.deepEqual(linked.problems.map((problem) => `${problem.line} ${problem.severity}: ${problem.message}`), []);
    assert.deepEqual(linked.image.sources.map((source) => source.kind), ['base', 'base', 'image', 'image', 'image', 'image', 'image', 'image', 'image', 'image']);
    const copied = linked.stack.layers[6].entries.map(({ entry }) => entry.path);
    assert.ok(copied.includes('/srv/app/etc/app.conf'), copied.join(', '));
  });

  it('buildkit forms', async () => {
    // BuildKit's Dockerfile frontend writes COPY with its expanded sources and destination and a
    // RUN with the `|N NAME=value` prefix (dockerfile2llb's runCommandString). No BuildKit runs
    // here, so the history is written by hand from those forms around the fixture's layers.
    const buildkit = (createdBy: string, emptyLayer = false): TestHistoryEntry => ({ created_by: createdBy, comment: 'buildkit.dockerfile.v0', ...(emptyLayer ? { empty_layer: true } : {}) });
    const history: TestHistoryEntry[] = [
      { created_by: '', comment: 'Imported from -' },
      buildkit('ARG APP_ENV=dev', true),
      buildkit('ARG APP_HOME=/srv/app', true),
      buildkit('ENV CONF_DIR=/srv/app/etc', true),
      buildkit('ENV BIN_NAME=app-linux', true),
      buildkit('COPY config/dev/app.conf /srv/app/etc/ # buildkit'),
      buildkit('COPY bin/app-linux /srv/app/bin/app # buildkit'),
      buildkit('WORKDIR /srv/app', true),
      buildkit('RUN |2 APP_ENV=dev APP_HOME=/srv/app /bin/sh -c echo "env=${APP_ENV}" > ${CONF_DIR}/env.txt # buildkit'),
    ];
    const layers = [
      plainLayer([{ name: 'etc/passwd', body: 'root:x:0:0:root:/root:/bin/sh\n' }]),
      plainLayer([{ name: 'srv/app/etc/app.conf', body: readFileSync(join(folder, 'config/dev/app.conf')) }]),
      plainLayer([{ name: 'srv/app/bin/app', body: readFileSync(join(folder, 'bin/app-linux')), mode: 0o755 }]),
      plainLayer([{ name: 'srv/app/etc/env.txt', body: 'env=dev\n' }]),
    ];
    const scratch = mkdtempSync(join(tmpdir(), 'layer-lens-buildkit-args-'));
    try {
      const path = join(scratch, 'image.tar');
      writeFileSync(path, dockerArchive(layers, { history }));
      const link = linkDockerfile(await readImage({ kind: 'path', path }), dockerfile, { path: dockerfilePath });
      assert.equal(link.mapping.builder, 'buildkit');
      assert.deepEqual(problemsOf(link), []);
      assert.deepEqual(entriesOf(link), mapped);
      assert.deepEqual(link.buildArgsFromHistory, ['APP_ENV', 'APP_HOME']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
