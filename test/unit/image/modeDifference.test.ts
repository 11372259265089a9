import { strict as assert } from 'node:assert';
import { chmodSync, chownSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { keepsContextModes } from '../../../src/core/image/fileModeComparison';
import { captureCli } from '../cli/capture';
import { linkArchive } from './linkArchive';

const images = join(__dirname, '../../fixtures/images');

/** Copies the named files of a fixture folder into a new temporary folder, which the caller removes. */
function copyContext(fixture: string, names: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'layer-lens-mode-context-'));
  for (const name of names) cpSync(join(fixture, name), join(folder, name), { recursive: true });
  return folder;
}

/** Gives each test of the enclosing `describe` its own copy of the argenv build context. */
function argenvContextEach(): { folder: string; dockerfile: string } {
  const context = { folder: '', dockerfile: '' };
  beforeEach(() => {
    context.folder = copyContext(join(images, 'argenv'), ['Dockerfile', 'bin', 'config']);
    context.dockerfile = join(context.folder, 'Dockerfile');
  });
  afterEach(() => {
    rmSync(context.folder, { recursive: true, force: true });
  });
  return context;
}

// Docker Engine's classic builder built this archive from the context beside it with APP_ENV=dev,
// so line 9 copied bin/app-linux (mode 0755) to /srv/app/bin/app.
describe('difference of a context file mode', () => {
  const fixture = join(images, 'argenv');
  const archive = join(fixture, 'argenv-dev.docker.tar');
  const LINE_9 =
    "The built layer differs from the prediction. /srv/app/bin/app has mode 0755 in the image and 0644 in the build context, so the file's mode likely changed after the build, and a rebuild would store 0644.";
  const context = argenvContextEach();

  it('linked analysis names the mode', async () => {
    chmodSync(join(context.folder, 'bin/app-linux'), 0o644);

    const linked = await linkArchive(archive, context.dockerfile, readFileSync(context.dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences, [{ line: 9, endLine: 9, severity: 'info', message: LINE_9 }]);
  });

  it('image --dockerfile names the mode', async () => {
    chmodSync(join(context.folder, 'bin/app-linux'), 0o644);

    const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', context.dockerfile, archive]);

    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.ok(stdout.includes(`Prediction against the image:\n  line 9: ${LINE_9}\n`), stdout);
  });

  it('image --json names the mode', async () => {
    chmodSync(join(context.folder, 'bin/app-linux'), 0o644);

    const { stdout } = await captureCli(runImage, ['--json', '--dockerfile', context.dockerfile, archive]);

    const report = JSON.parse(stdout) as { prediction: { differences: unknown[] } };
    assert.deepEqual(report.prediction.differences, [{ line: 9, endLine: 9, message: LINE_9 }]);
  });

  it('group-write mode not named', async () => {
    // No recorded build shows whether a umask clears group write, so 0664 against the image's 0644 is not named.
    chmodSync(join(context.folder, 'config/dev/app.conf'), 0o664);
    chmodSync(join(context.folder, 'bin/app-linux'), 0o644);

    const linked = await linkArchive(archive, context.dockerfile, readFileSync(context.dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences.map((difference) => difference.line), [9]);
  });
});

// The same classic build stored line 9's /srv/app/bin/app, and the folders it made for it, owned
// by root, because that COPY has no --chown.
describe('difference of an owner', () => {
  const fixture = join(images, 'argenv');
  const archive = join(fixture, 'argenv-dev.docker.tar');
  const owned = (path: string) =>
    `${path} is owned by 0:0 in the image and predicted 1000:1000, so either the prediction is wrong there or the step's --chown or USER changed since the build.`;
  const context = argenvContextEach();

  it('--chown added since the build named', async () => {
    const text = readFileSync(context.dockerfile, 'utf8').replace('COPY bin/', 'COPY --chown=1000:1000 bin/');

    const linked = await linkArchive(archive, context.dockerfile, text);

    // The classic builder gives the folder it makes for a copied file the --chown owner too; line 8 made /srv/app.
    const message = `The built layer differs from the prediction. ${owned('/srv/app/bin')} ${owned('/srv/app/bin/app')}`;
    assert.deepEqual(linked.image.differences, [{ line: 9, endLine: 9, severity: 'info', message }]);
  });

  it('image --dockerfile names the owner', async () => {
    writeFileSync(context.dockerfile, readFileSync(context.dockerfile, 'utf8').replace('COPY config/', 'COPY --chown=1000:1000 config/'));

    const { status, stdout } = await captureCli(runImage, ['--dockerfile', context.dockerfile, archive]);

    assert.equal(status, 0);
    const named = ['/srv', '/srv/app', '/srv/app/etc'].map(owned).join(' ');
    assert.ok(stdout.includes(`  line 8: The built layer differs from the prediction. ${named} 1 more path differs in owner.\n`), stdout);
  });

  it('host owner change not named', async function () {
    // Only root may give a file away.
    if (process.getuid?.() !== 0) this.skip();
    // A COPY without --chown stores root as the owner of what it copies from the build context, regardless of its owner on the host.
    chownSync(join(context.folder, 'bin/app-linux'), 1234, 1234);
    chownSync(join(context.folder, 'config/dev/app.conf'), 1234, 1234);

    const linked = await linkArchive(archive, context.dockerfile, readFileSync(context.dockerfile, 'utf8'));

    assert.equal(linked.image.mappedSteps > 0, true);
    assert.deepEqual(linked.image.differences, []);
  });
});

// buildah 1.28.2 built this archive from the context beside it, so line 8 copied app.conf
// (mode 0644) to /opt/widget-2.0/etc/widget.conf. buildah applies --chmod, and records the line
// without its flags, so the same archive maps to the line with --chmod too.
describe('difference of a context file mode under buildah', () => {
  const fixture = join(images, 'buildah-args');
  const archive = join(fixture, 'args.buildah.tar');
  let folder: string;
  let dockerfile: string;

  beforeEach(() => {
    folder = copyContext(fixture, ['Dockerfile', 'app.conf']);
    dockerfile = join(folder, 'Dockerfile');
    chmodSync(join(folder, 'app.conf'), 0o600);
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('changed mode is named', async () => {
    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences, [
      {
        line: 8,
        endLine: 8,
        severity: 'info',
        message:
          "The built layer differs from the prediction. /opt/widget-2.0/etc/widget.conf has mode 0644 in the image and 0600 in the build context, so the file's mode likely changed after the build, and a rebuild would store 0600.",
      },
    ]);
  });

  it('--chmod mode not compared', async () => {
    const text = readFileSync(dockerfile, 'utf8').replace('COPY app.conf', 'COPY --chmod=600 app.conf');

    const linked = await linkArchive(archive, dockerfile, text);

    assert.equal(linked.image.mappedSteps, 8);
    assert.deepEqual(linked.image.differences, []);
  });
});

describe('keepsContextModes', () => {
  const copyStep = (line: string) => planBuild(`FROM scratch\n${line}\n`).stages[0].steps[1];

  it('COPY without --chmod keeps modes', () => {
    assert.equal(keepsContextModes(copyStep('COPY a /a'), 'linux'), true);
    assert.equal(keepsContextModes(copyStep('ADD a /a'), 'linux'), true);
  });

  it('--chmod, RUN or Windows do not', () => {
    assert.equal(keepsContextModes(copyStep('COPY --chmod=755 a /a'), 'linux'), false);
    assert.equal(keepsContextModes(copyStep('ADD --chmod=u+x a /a'), 'linux'), false);
    assert.equal(keepsContextModes(copyStep('RUN touch /a'), 'linux'), false);
    assert.equal(keepsContextModes(undefined, 'linux'), false);
    assert.equal(keepsContextModes(copyStep('COPY a /a'), 'win32'), false);
  });
});
