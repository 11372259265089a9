/**
 * `explain` of `ENV GREETING="hello world` with no closing quote. Docker Engine 20.10.24's classic
 * builder and buildah 1.28.2 both failed on line 2 of this file in real builds; BuildKit's result
 * follows its source (see test/unit/analysis/unclosedQuotes.test.ts).
 */
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from './capture';

const dockerfile = resolve(__dirname, '../../fixtures/unclosed-quotes/trial/Dockerfile');

async function explainText(...options: string[]): Promise<string> {
  const result = await captureCli(main, ['explain', ...options, dockerfile]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

const problemLine = /\n {2}line 2: error: The double quote \("\) in `"hello world` is never closed, so builders stop on this ENV \("unexpected end of statement while looking for matching double-quote"\)\. Add the closing ", or write \\" for a quote that belongs to the value\./;

describe('explain of an unclosed ENV quote', () => {
  it('classic build fails at line 2', async () => {
    const text = await explainText('--builder', 'classic');
    assert.match(text, problemLine);
    assert.match(text, /\nThe build fails at line 2, so no image is made\./);
    assert.match(text, /line 2 +ENV GREETING="hello world\n {8}the build fails on this step/);
  });

  it('buildah build fails at line 2', async () => {
    const text = await explainText('--builder', 'buildah');
    assert.match(text, problemLine);
    assert.match(text, /\nThe build fails at line 2, so no image is made\./);
  });

  it('BuildKit rejects the whole Dockerfile', async () => {
    const text = await explainText();
    assert.match(text, problemLine);
    assert.match(text, /\nThe builder rejects the whole Dockerfile at line 2, so no step runs and no image is made\./);
    assert.match(text, /BuildKit rejects the whole Dockerfile on this line while it converts the stages the target needs, so no step runs\.\n/);
  });
});
