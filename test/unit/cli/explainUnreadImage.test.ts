import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli } from './capture';

const dockerfile = ['FROM python:3.12-slim', 'COPY --from=nginx:1.27 /etc/nginx/nginx.conf /app/', ''].join('\n');

async function explain(...argv: string[]): Promise<string> {
  const path = join(makeContext({ Dockerfile: dockerfile }), 'Dockerfile');
  const result = await captureCli(main, ['explain', ...argv, path]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('explain advice for unread images', () => {
  afterEach(removeContexts);

  it('text note under an unread FROM', async () => {
    const text = await explain();

    assert.match(text, /line 1 +FROM python:3\.12-slim\n(?: +.*\n)*? +note: To have it read, give --base-image python:3\.12-slim to read it from the engine \(pull or build it first\), or --base-image python:3\.12-slim=ARCHIVE for a docker save archive\.\n/);
  });

  it('text note under COPY --from an unread image', async () => {
    const text = await explain();

    assert.match(text, /line 2 +COPY --from=nginx:1\.27 .*\n(?: +.*\n)*? +note: The image nginx:1\.27 is not read, so the files this step copies from it are unknown\. To have it read, give --base-image nginx:1\.27 to read it from the engine \(pull or build it first\), or --base-image nginx:1\.27=ARCHIVE for a docker save archive\.\n/);
    assert.doesNotMatch(text, /layerLens\./);
    assert.doesNotMatch(text, /editor/);
  });

  it('json notes of both steps', async () => {
    const json = JSON.parse(await explain('--json')) as ExplainJson;
    const notesOf = (line: number) => json.layers.find((layer) => layer.line === line)?.notes ?? [];

    assert.ok(notesOf(1).includes('To have it read, give --base-image python:3.12-slim to read it from the engine (pull or build it first), or --base-image python:3.12-slim=ARCHIVE for a docker save archive.'), notesOf(1).join('\n'));
    assert.equal(notesOf(2).filter((note) => note.includes('--base-image')).length, 1, notesOf(2).join('\n'));
  });
});
