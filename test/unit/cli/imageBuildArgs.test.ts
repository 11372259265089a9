/** `image --dockerfile` warns of a `--build-arg` that no ARG declares, and of one whose value the history contradicts. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli, type CliRun } from './capture';

// Docker Engine's classic builder built this archive with --build-arg APP_ENV=dev --build-arg APP_HOME=/srv/app.
const fixture = join(__dirname, '../../fixtures/images/argenv');
const archive = join(fixture, 'argenv-dev.docker.tar');
const dockerfile = join(fixture, 'Dockerfile');

function image(...options: string[]): Promise<CliRun> {
  return captureCli(main, ['image', '--dockerfile', dockerfile, ...options, archive]);
}

describe('image build arg warnings', () => {
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
});
