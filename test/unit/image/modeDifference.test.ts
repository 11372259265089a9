import { strict as assert } from 'node:assert';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

// Docker Engine's classic builder built this archive from the context beside it with APP_ENV=dev,
// so line 9 copied bin/app-linux (mode 0755) to /srv/app/bin/app.
describe('difference of a context file mode', () => {
  const fixture = join(images, 'argenv');
  const archive = join(fixture, 'argenv-dev.docker.tar');
  const LINE_9 =
    "The built layer differs from the prediction. /srv/app/bin/app has mode 0755 in the image and 0644 in the build context, so the file's mode likely changed after the build, and a rebuild would store 0644.";
  let folder: string;
  let dockerfile: string;

  beforeEach(() => {
    folder = copyContext(fixture, ['Dockerfile', 'bin', 'config']);
    dockerfile = join(folder, 'Dockerfile');
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('linked analysis names the mode', async () => {
    chmodSync(join(folder, 'bin/app-linux'), 0o644);

    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences, [{ line: 9, endLine: 9, severity: 'info', message: LINE_9 }]);
  });

  it('image --dockerfile names the mode', async () => {
    chmodSync(join(folder, 'bin/app-linux'), 0o644);

    const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', dockerfile, archive]);

    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.ok(stdout.includes(`Prediction against the image:\n  line 9: ${LINE_9}\n`), stdout);
  });

  it('image --json names the mode', async () => {
    chmodSync(join(folder, 'bin/app-linux'), 0o644);

    const { stdout } = await captureCli(runImage, ['--json', '--dockerfile', dockerfile, archive]);

    const report = JSON.parse(stdout) as { prediction: { differences: unknown[] } };
    assert.deepEqual(report.prediction.differences, [{ line: 9, endLine: 9, message: LINE_9 }]);
  });

  it('group-write mode not named', async () => {
    // No recorded build shows whether a umask clears group write, so 0664 against the image's 0644 is not named.
    chmodSync(join(folder, 'config/dev/app.conf'), 0o664);
    chmodSync(join(folder, 'bin/app-linux'), 0o644);

    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences.map((difference) => difference.line), [9]);
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
