/** `image --dockerfile` warns of a `--build-arg` that no ARG declares, and of one whose value the history contradicts. */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { readImage } from '../../../src/core/image/readImage';
import { makeContext, removeContexts } from '../predict/helpers';
import { dockerArchive, plainLayer, type TestHistoryEntry } from '../image/imageBuilder';
import { captureCli, type CliRun } from './capture';

// Docker Engine's classic builder built this archive with --build-arg APP_ENV=dev --build-arg APP_HOME=/srv/app.
const fixture = join(__dirname, '../../fixtures/images/argenv');
const archive = join(fixture, 'argenv-dev.docker.tar');
const dockerfile = join(fixture, 'Dockerfile');

function image(...options: string[]): Promise<CliRun> {
  return captureCli(main, ['image', '--dockerfile', dockerfile, ...options, archive]);
}

/**
 * Builds a context folder with a Dockerfile on `trial/argenv:dev` and an archive of the image it
 * makes: the fixture's real history, whose RUN records APP_ENV=dev, then the entries the classic
 * builder writes for the child's ARG and COPY. Returns the Dockerfile's and the archive's paths.
 */
async function childOfArgenv(): Promise<{ dockerfile: string; archive: string }> {
  const base = await readImage({ kind: 'path', path: archive });
  const baseHistory = base.config.history as TestHistoryEntry[];
  const history: TestHistoryEntry[] = [
    ...baseHistory,
    { created_by: '/bin/sh -c #(nop)  ARG APP_ENV=prod', empty_layer: true },
    { created_by: '/bin/sh -c #(nop) COPY file:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03 in /srv/app/note.txt ' },
  ];
  const layerCount = history.filter((entry) => !entry.empty_layer).length;
  const layers = Array.from({ length: layerCount }, (_, index) => plainLayer([{ name: `layer${index}.txt`, body: `${index}\n` }]));
  const context = makeContext({ Dockerfile: 'FROM trial/argenv:dev\nARG APP_ENV=prod\nCOPY note.txt /srv/app/note.txt\n', 'note.txt': 'hello\n' });
  const childArchive = join(context, 'child.tar');
  writeFileSync(childArchive, dockerArchive(layers, { history }));
  return { dockerfile: join(context, 'Dockerfile'), archive: childArchive };
}

describe('image build arg warnings', () => {
  after(removeContexts);

  it('undeclared name warns', async () => {
    const result = await image('--build-arg', 'NOPE=1');
    assert.equal(result.status, 0);
    assert.equal(result.stderr, 'layer-lens image: warning: no ARG of the stages built for the target declares NOPE, so --build-arg NOPE changes nothing. Check the name, or add ARG NOPE to the stage that reads it.\n');
  });

  it('value unlike the recorded one', async () => {
    const result = await image('--build-arg', 'APP_ENV=prod');
    assert.equal(result.status, 0);
    assert.equal(result.stderr, "layer-lens image: warning: the comparison uses --build-arg APP_ENV=prod, but the image's history records APP_ENV=dev, so the image was built with another value. Leave out --build-arg APP_ENV to use the recorded one.\n");
  });

  it('two values in one line', async () => {
    const result = await image('--json', '--build-arg', 'APP_ENV=prod', '--build-arg', 'APP_HOME=/opt/myapp');
    assert.equal(result.status, 0);
    assert.equal(result.stderr, "layer-lens image: warning: the comparison uses --build-arg APP_ENV=prod and --build-arg APP_HOME=/opt/myapp, but the image's history records APP_ENV=dev and APP_HOME=/srv/app, so the image was built with other values. Leave out these options to use the recorded ones.\n");
    assert.doesNotThrow(() => JSON.parse(result.stdout));
  });

  it('recorded values pass silently', async () => {
    const recorded = await image('--build-arg', 'APP_ENV=dev', '--build-arg', 'APP_HOME=/srv/app');
    assert.equal(recorded.status, 0);
    assert.equal(recorded.stderr, '');
    const none = await image();
    assert.equal(none.status, 0);
    assert.equal(none.stderr, '');
  });

  it('base image value stays silent', async () => {
    // The base image's RUN records APP_ENV=dev, which its own build used. The child records no RUN.
    const child = await childOfArgenv();
    const result = await captureCli(main, ['image', '--dockerfile', child.dockerfile, '--build-arg', 'APP_ENV=prod', child.archive]);
    assert.equal(result.status, 0);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /Dockerfile: /);
  });
});
