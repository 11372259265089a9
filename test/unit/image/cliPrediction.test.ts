import { strict as assert } from 'node:assert';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { main } from '../../../src/cli/main';
import { captureCli } from '../cli/capture';
import type { ImageJson } from '../../../src/core/report/imageReport';

// Docker Engine's classic builder built this archive from the Dockerfile and the app/ folder beside it.
const fixture = join(__dirname, '../../fixtures/images/real-layers');
const archive = join(fixture, 'real-layers.docker-overlay2.tar');
const dockerfile = join(fixture, 'Dockerfile');
// buildah on vfs storage built this archive. Its RUN removes /app/cache and makes it again.
const recreated = join(__dirname, '../../fixtures/images/recreated-folder');
const recreatedArchive = join(recreated, 'recreated-folder.buildah.tar');
const AGREES = 'Prediction against the image: the prediction agrees on every mapped line (6 lines).\n';
const COPY_DIFFERS = 'Prediction against the image:\n  line 2: The built layer differs from the prediction. Only the prediction has 1 path: /app/extra.txt.\n';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await captureCli(runImage, argv);
  return { code: status, stdout, stderr };
}

/** Copies the fixture's Dockerfile and context to a temporary folder with one more file for `COPY app/ /app/`. */
function editedContext(): string {
  const folder = mkdtempSync(join(tmpdir(), 'layer-lens-edited-context-'));
  cpSync(dockerfile, join(folder, 'Dockerfile'));
  cpSync(join(fixture, 'app'), join(folder, 'app'), { recursive: true });
  writeFileSync(join(folder, 'app/extra.txt'), 'not in the image\n');
  return folder;
}

describe('layer-lens image prediction comparison', () => {
  it('unedited context agrees', async () => {
    const { code, stdout, stderr } = await run(['--dockerfile', dockerfile, archive]);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.ok(stdout.endsWith(AGREES), stdout);
  });

  it('unedited context agrees in json', async () => {
    const { code, stdout } = await run(['--json', '--dockerfile', dockerfile, archive]);
    const report = JSON.parse(stdout) as ImageJson;
    assert.equal(code, 0);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.prediction, { context: fixture, defaultContext: true, mappedSteps: 6, comparedSteps: 6, differences: [], stop: null });
  });

  it('edited context differs on COPY', async () => {
    const folder = editedContext();
    try {
      const edited = join(folder, 'Dockerfile');
      const text = await run(['--dockerfile', edited, archive]);
      assert.equal(text.code, 0);
      assert.ok(text.stdout.endsWith(COPY_DIFFERS), text.stdout);

      const json = await run(['--json', '--dockerfile', edited, archive]);
      const report = JSON.parse(json.stdout) as ImageJson;
      assert.equal(report.prediction?.context, folder);
      assert.deepEqual(report.prediction?.differences, [
        { line: 2, endLine: 2, message: 'The built layer differs from the prediction. Only the prediction has 1 path: /app/extra.txt.' },
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('--context replaces Dockerfile folder', async () => {
    const folder = editedContext();
    try {
      const { code, stdout, stderr } = await run(['--dockerfile', dockerfile, '--context', folder, archive]);
      assert.equal(code, 0);
      assert.equal(stderr, '');
      assert.ok(stdout.endsWith(COPY_DIFFERS), stdout);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('missing --context exits 1', async () => {
    const missing = join(tmpdir(), `layer-lens-no-context-${process.pid}-${Date.now()}`);
    for (const format of [[], ['--json']]) {
      const { status, stdout, stderr } = await captureCli(main, ['image', ...format, '--dockerfile', dockerfile, '--context', missing, archive]);
      assert.equal(status, 1);
      assert.equal(stdout, '');
      assert.equal(stderr, `layer-lens image: Build context folder ${missing} not found. Pass an existing folder with --context.\n`);
    }
  });

  it('--context file exits 1', async () => {
    const { status, stdout, stderr } = await captureCli(main, ['image', '--dockerfile', dockerfile, '--context', dockerfile, archive]);
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, `layer-lens image: Build context ${dockerfile} is not a folder. Pass a folder with --context.\n`);
  });

  it('--context without --dockerfile exits 2', async () => {
    const { code, stdout, stderr } = await run(['--context', fixture, archive]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^layer-lens image: --context is the build context the Dockerfile's prediction reads: give the Dockerfile with --dockerfile\.\n/);
  });

  it('buildah vfs whiteouts agree', async () => {
    const { code, stdout, stderr } = await run(['--dockerfile', join(recreated, 'Dockerfile'), recreatedArchive]);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.ok(stdout.endsWith('Prediction against the image: the prediction agrees on every mapped line (2 lines).\n'), stdout);
  });

  it('context without COPY source', async () => {
    // The Dockerfile without the cache/ folder its COPY reads, so the prediction fails on line 2,
    // which the image shows built: the folder given is not the one the image was built from.
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-missing-source-'));
    try {
      const edited = join(folder, 'Dockerfile');
      cpSync(join(recreated, 'Dockerfile'), edited);
      const error = `The source "cache/" was not found in the build context ${folder}. Check the path, relative to the context folder, and that .dockerignore does not exclude it.`;
      const unreached = '  The prediction stops at this line, so 1 step (line 3) was not compared with the image.\n';

      const text = await run(['--dockerfile', edited, recreatedArchive]);
      assert.equal(text.code, 0);
      assert.equal(
        text.stdout.slice(text.stdout.indexOf('Prediction against the image:')),
        'Prediction against the image:\n' +
          `  line 2: the prediction fails here, but the build that made the image got past this line. ${error}\n` +
          `  The build context ${folder} (the Dockerfile's folder, used when --context is not given) does not hold what the image's build read. Give the folder the image was built from with --context DIR.\n` +
          unreached,
      );
      assert.doesNotMatch(text.stdout, /The build fails on this line|The build does not reach/);

      const given = await run(['--dockerfile', edited, '--context', folder, recreatedArchive]);
      assert.ok(given.stdout.endsWith(`  The build context ${folder} does not hold what the image's build read. Give the folder the image was built from with --context DIR.\n${unreached}`), given.stdout);

      const json = await run(['--json', '--dockerfile', edited, recreatedArchive]);
      const report = JSON.parse(json.stdout) as ImageJson;
      assert.deepEqual(report.prediction, {
        context: folder,
        defaultContext: true,
        mappedSteps: 2,
        comparedSteps: 0,
        differences: [],
        stop: {
          line: 2, endLine: 2, message: `${error} The build fails on this line.`, rejectsDockerfile: false, laterRejections: [],
          notReached: [{ line: 3, endLine: 3 }], builtInImage: true, readsContext: true,
        },
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('failing new line keeps build wording', async () => {
    // A COPY added after the build has no layer in the image, so a build from this context fails there.
    const folder = editedContext();
    try {
      const edited = join(folder, 'Dockerfile');
      appendFileSync(edited, 'COPY missing.txt /missing.txt\n');

      const { code, stdout } = await run(['--dockerfile', edited, archive]);
      assert.equal(code, 0);
      assert.match(stdout, /\n {2}line 8: the prediction fails here\. The source "missing\.txt" was not found in the build context .*\. The build fails on this line\.\n/);
      assert.doesNotMatch(stdout, /got past this line|--context DIR/);

      const json = await run(['--json', '--dockerfile', edited, archive]);
      const report = JSON.parse(json.stdout) as ImageJson;
      assert.equal(report.prediction?.stop?.builtInImage, false);
      assert.equal(report.prediction?.stop?.readsContext, true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejected line printed once', async () => {
    // An unknown instruction makes every builder reject the whole Dockerfile.
    const folder = editedContext();
    try {
      const edited = join(folder, 'Dockerfile');
      appendFileSync(edited, 'COPPY app/ /srv/\n');
      const rejection = 'Unknown instruction "COPPY" (did you mean COPY?).';

      const { code, stdout } = await run(['--dockerfile', edited, archive]);
      assert.equal(code, 0);
      assert.equal(stdout.split(rejection).length - 1, 1, stdout);
      assert.match(stdout, /\n {2}line 8: Unknown instruction "COPPY" \(did you mean COPY\?\)\. The builder rejects the whole Dockerfile on it/);

      const json = await run(['--json', '--dockerfile', edited, archive]);
      const report = JSON.parse(json.stdout) as ImageJson;
      assert.equal(report.problems.filter((problem) => problem.message.startsWith(rejection)).length, 1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejected line the image got past', async () => {
    // The image has the layers of the steps after the COPPY, so it was built before that line.
    const folder = editedContext();
    try {
      const edited = join(folder, 'Dockerfile');
      const lines = readFileSync(dockerfile, 'utf8').split('\n');
      writeFileSync(edited, [lines[0], 'COPPY app/ /srv/', ...lines.slice(1)].join('\n'));

      const { stdout } = await run(['--dockerfile', edited, archive]);
      assert.match(stdout, /\n {2}line 2: Unknown instruction "COPPY" .*\n {2}The image has layers of steps this rejection stops, so it was built before the line read as it does now\. As no step of the Dockerfile runs, \d+ steps \(lines 1 to \d+\) were not compared with it\.\n/);
      assert.doesNotMatch(stdout, /The build does not reach/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('two rejected lines in one place', async () => {
    // Both lines make builders reject the whole Dockerfile, and the first one stops the build.
    const folder = editedContext();
    try {
      const edited = join(folder, 'Dockerfile');
      const lines = readFileSync(dockerfile, 'utf8').split('\n');
      writeFileSync(edited, [lines[0], 'WORKDIRR /srv', ...lines.slice(1)].join('\n'));
      appendFileSync(edited, 'COPY --chwn=0 app/ /srv/\n');
      const first = 'line 2: Unknown instruction "WORKDIRR" (did you mean WORKDIR?).';
      const second = 'line 9: COPY has no flag --chwn (did you mean --chown?).';

      const { code, stdout } = await run(['--dockerfile', edited, archive]);
      assert.equal(code, 0);
      const section = stdout.slice(stdout.indexOf('Prediction against the image:'), stdout.indexOf('\nProblem:') + 1);
      assert.ok(section.includes(`\n  ${first} `), section);
      assert.ok(section.includes(`\n  ${second} `), section);
      assert.equal(stdout.split('(did you mean').length - 1, 2, stdout);

      const json = await run(['--json', '--dockerfile', edited, archive]);
      const stop = (JSON.parse(json.stdout) as ImageJson).prediction?.stop;
      assert.equal(stop?.line, 2);
      assert.deepEqual(stop?.laterRejections.map((rejection) => rejection.line), [9]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejected Dockerfile compares nothing', async () => {
    // The classic builder that made the archive rejects a heredoc while parsing, before any step runs.
    const folder = editedContext();
    try {
      const edited = join(folder, 'Dockerfile');
      appendFileSync(edited, 'RUN <<EOF\necho hi\nEOF\n');

      const { code, stdout } = await run(['--dockerfile', edited, archive]);
      assert.equal(code, 0);
      const section = stdout.slice(stdout.indexOf('Prediction against the image:'), stdout.indexOf('\nProblem:') + 1);
      assert.match(section, /^Prediction against the image:\n {2}lines 8-10: The classic builder does not support heredocs: .*\n/);
      // The image has the layers of lines 1 to 7, so it was built before the heredoc was added.
      assert.ok(section.endsWith('\n  The image has layers of steps this rejection stops, so it was built before the line read as it does now. As no step of the Dockerfile runs, 7 steps (lines 1 to 7) were not compared with it.\n'), section);
      assert.doesNotMatch(section, /differs from the prediction/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
