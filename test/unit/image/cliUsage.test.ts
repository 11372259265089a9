/** Usage errors of `layer-lens image`: exit status 2, one message naming the argument, and the `--help` hint. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from '../cli/capture';

const fixture = join(__dirname, '../../fixtures/images/16-rm-rf-recreate.docker-overlay2.tar');
const HINT = 'Run "layer-lens image --help" for usage.\n';

async function usageError(argv: string[]): Promise<string> {
  const { status, stdout, stderr } = await captureCli(runImage, argv);
  assert.equal(status, 2, stderr);
  assert.equal(stdout, '');
  assert.ok(stderr.endsWith(HINT), stderr);
  return stderr.slice(0, -HINT.length);
}

describe('runImage usage errors', () => {
  it('invalid platform', async () => {
    assert.equal(await usageError(['--platform', 'bogus', fixture]), 'layer-lens image: --platform "bogus" is not of the form OS/ARCH[/VARIANT], such as linux/arm64.\n');
  });

  it('valid platform is trimmed', async () => {
    const { status, stderr } = await captureCli(runImage, ['--platform', ' linux/amd64 ', fixture]);
    assert.equal(status, 0, stderr);
  });

  it('empty source', async () => {
    assert.equal(await usageError(['']), 'layer-lens image: SOURCE is empty: pass a docker save archive, an OCI archive or layout folder, or docker://NAME.\n');
  });

  it('layer limit too large', async () => {
    const message = await usageError(['--max-layer-bytes', '99999999999999999999999', fixture]);
    assert.equal(message, 'layer-lens image: --max-layer-bytes 99999999999999999999999 is too large: the largest value accepted is 9007199254740991.\n');
  });

  it('largest layer limit accepted', async () => {
    const { status, stderr } = await captureCli(runImage, ['--max-layer-bytes', '9007199254740991', fixture]);
    assert.equal(status, 0, stderr);
  });

  it('wasted bytes limit too large', async () => {
    const message = await usageError(['--ci', '--max-wasted-bytes', '9007199254740992', fixture]);
    assert.match(message, /--max-wasted-bytes 9007199254740992 is too large: the largest value accepted is 9007199254740991\./);
  });

  it('layer limit not a number', async () => {
    assert.match(await usageError(['--max-layer-bytes', '1e9', fixture]), /--max-layer-bytes "1e9" is not a whole number of bytes/);
  });
});
