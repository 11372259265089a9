/** The CI gate example in docs/images.md shows the end of what the command prints, so it must stay true. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from './capture';

const root = join(__dirname, '../../..');
const page = 'docs/images.md';

/** Returns the indented block that follows `intro` in the page, without its indent. */
function blockAfter(intro: string): string[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.endsWith(intro));
  assert.ok(start >= 0, `${page} has no line ending "${intro}"`);
  const block: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('    ')) break;
    block.push(line.slice(4));
  }
  return block;
}

describe('CI gate example in docs', () => {
  it('ends as docs/images.md shows, with status 3', async () => {
    const expected = blockAfter('prints the layers with their lines, then ends with the report and exits with status 3:');
    const argv = ['--ci', '--max-wasted-ratio', '0.05', '--dockerfile', 'test/fixtures/cases/21-run-chains/Dockerfile', 'test/fixtures/images/21-run-chains.docker.tar'];
    const { status, stdout } = await captureCli(runImage, argv.map((arg) => (arg.startsWith('--') || arg === '0.05' ? arg : join(root, arg))));
    assert.equal(status, 3);
    const printed = stdout.trimEnd().split('\n');
    assert.deepEqual(printed.slice(-expected.length), expected);
  });
});
