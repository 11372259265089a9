import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from './capture';

const packageVersion = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

describe('layer-lens', () => {
  for (const flag of ['--version', '-V']) {
    it(`${flag} prints the package version`, async () => {
      const result = await captureCli(main, [flag]);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, `layer-lens ${packageVersion}\n`);
      assert.equal(result.stderr, '');
    });
  }

  it('unknown command points at top help', async () => {
    const result = await captureCli(main, ['bogus']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'layer-lens: unknown command "bogus".\nRun "layer-lens --help" for usage.\n');
  });

  it('unknown option points at the command help', async () => {
    const result = await captureCli(main, ['explain', '--bogus']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'layer-lens explain: unknown option --bogus.\nRun "layer-lens explain --help" for usage.\n');
  });

  it('option value taken as the Dockerfile', async () => {
    const result = await captureCli(main, ['explain', '--target', 'Dockerfile']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'layer-lens explain: option --target needs a value: it took "Dockerfile", the last word, as its value, which leaves no DOCKERFILE.\nRun "layer-lens explain --help" for usage.\n');
  });

  it('option value taken as the SOURCE', async () => {
    const result = await captureCli(main, ['image', '--ci', '--max-wasted-bytes', 'app.tar']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'layer-lens image: option --max-wasted-bytes needs a value: it took "app.tar", the last word, as its value, which leaves no SOURCE.\nRun "layer-lens image --help" for usage.\n');
  });

  it('missing operand after a whole option', async () => {
    const explain = await captureCli(main, ['explain', '--target=build']);
    assert.equal(explain.status, 2);
    assert.equal(explain.stderr, 'layer-lens explain: missing DOCKERFILE: pass the path of a Dockerfile; options such as --target take the word after them as their value.\nRun "layer-lens explain --help" for usage.\n');
    const image = await captureCli(main, ['image', '--dockerfile', 'Dockerfile', '--json']);
    assert.equal(image.status, 2);
    assert.equal(image.stderr, 'layer-lens image: missing SOURCE: pass a docker save archive, an OCI archive or layout folder, or docker://NAME.\nRun "layer-lens image --help" for usage.\n');
  });

  it('option value starting with a dash', async () => {
    const result = await captureCli(main, ['explain', '--target', '-x', 'Dockerfile']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'layer-lens explain: option --target needs a value: for one that starts with "-", write --target=VALUE.\nRun "layer-lens explain --help" for usage.\n');
  });

  it('missing value at the end', async () => {
    const result = await captureCli(main, ['image', 'app.tar', '--image']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'layer-lens image: option --image needs a value: write it after the option, as --image VALUE.\nRun "layer-lens image --help" for usage.\n');
  });

  it('value given to a flag', async () => {
    const result = await captureCli(main, ['explain', '--json=yes', 'Dockerfile']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'layer-lens explain: option --json takes no value: write --json alone.\nRun "layer-lens explain --help" for usage.\n');
  });

  it('unreadable input names the command', async () => {
    const explain = await captureCli(main, ['explain', '/nonexistent/Dockerfile']);
    assert.equal(explain.status, 1);
    assert.match(explain.stderr, /^layer-lens explain: Dockerfile \/nonexistent\/Dockerfile not found\./);
    const image = await captureCli(main, ['image', '/nonexistent/image.tar']);
    assert.equal(image.status, 1);
    assert.match(image.stderr, /^layer-lens image: \/nonexistent\/image\.tar not found\./);
  });

  it('no command prints usage to stderr', async () => {
    const result = await captureCli(main, []);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Usage: layer-lens <command> \[options\]/);
  });

  it('explain --help lists exit statuses', async () => {
    const result = await captureCli(main, ['explain', '--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /\n\nExit status: 0 done \(problems, if any, are in the output\), 1 unreadable Dockerfile, build\ncontext folder or --base-image SOURCE, or output that cannot be written, 2 bad usage, 3 a\nproblem of the --fail-on SEVERITY or worse \(the output is printed in full first\)\.\n$/);
    assert.match(result.stdout, /\n {2}--fail-on SEVERITY {8}exit with status 3 when a problem is of SEVERITY or worse:\n/);
  });

  it('image --help says when --image is needed', async () => {
    const result = await captureCli(main, ['image', '--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /\(default: a docker-archive's first;\n +an OCI layout of several named images needs it\)/);
  });

  it('--help prints the usage to stdout', async () => {
    const result = await captureCli(main, ['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: layer-lens <command> \[options\]/);
  });
});
