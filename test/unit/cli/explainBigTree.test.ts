/** `explain` text of a big build context: the waste and problems first, and a merged tree cut to size. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { LISTED_PATHS } from '../../../src/cli/mergedTreeText';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { formatBytes } from '../../../src/core/report/format';
import { makeContext, removeContexts, type ContextSpec } from '../predict/helpers';
import { captureCli } from './capture';

const packageCount = 350;

/** Returns a node_modules folder of `packageCount` packages of 3 files each, and a cache a later RUN deletes. */
function nodeModules(): ContextSpec {
  const files: ContextSpec = { 'node_modules/.cache/babel.json': 'x'.repeat(4000) };
  for (let index = 0; index < packageCount; index++) {
    files[`node_modules/pkg${index}/index.js`] = `module.exports = ${index};\n`;
    files[`node_modules/pkg${index}/lib/m1.js`] = 'exports.a = 1;\n';
    files[`node_modules/pkg${index}/lib/m2.js`] = 'exports.b = 2;\n';
  }
  return files;
}

const dockerfile = 'FROM alpine:3.20\nWORKDIR /app\nCOPY node_modules ./node_modules\nRUN rm -rf node_modules/.cache\n';

async function explain(options: string[], files: ContextSpec): Promise<string> {
  const root = makeContext(files);
  const result = await captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** Counts the JSON's merged paths below `folder`, and their bytes. */
function below(json: ExplainJson, folder: string): { count: number; bytes: string } {
  const items = json.merged.filter((item) => item.path.startsWith(folder + '/'));
  return { count: items.length, bytes: formatBytes(items.reduce((sum, item) => sum + (item.size ?? 0), 0)) };
}

/** Returns the lines of the merged tree, between its heading and `Deleted:` or the end. */
function mergedTree(text: string): string[] {
  const lines = text.slice(text.indexOf('\nMerged filesystem') + 1).split('\n').slice(1);
  const end = lines.findIndex((line) => line === 'Deleted:' || line === '');
  return lines.slice(0, end);
}

describe('explain text of a big context', () => {
  after(removeContexts);

  it('waste and problems before the tree', async () => {
    const text = await explain([], { Dockerfile: dockerfile, ...nodeModules() });
    const waste = text.indexOf('\nWasted: ');
    const problems = text.indexOf('\nProblems:\n  line 4: ');
    const tree = text.indexOf('\nMerged filesystem (');
    assert.ok(waste > text.indexOf('\n  #3   line 4 '), text);
    assert.ok(problems > waste, text);
    assert.ok(tree > problems, text);
  });

  it('tree cut to the shallowest paths', async () => {
    const files: ContextSpec = { Dockerfile: dockerfile, ...nodeModules() };
    const tree = mergedTree(await explain([], files));
    const json = JSON.parse(await explain(['--json'], files)) as ExplainJson;
    const app = below(json, '/app');
    assert.equal(tree.length, LISTED_PATHS + 1, tree.join('\n'));
    assert.equal(tree[LISTED_PATHS], `  … and ${(app.count + 1 - LISTED_PATHS).toLocaleString('en')} more paths (--json lists them all)`);
    // /app and /app/node_modules come first, then the packages in name order until the limit.
    const modules = below(json, '/app/node_modules');
    const unlisted = modules.count - (LISTED_PATHS - 2);
    assert.equal(tree[0], `  app/  from #1; ${app.count.toLocaleString('en')} paths below (${app.bytes}), ${unlisted.toLocaleString('en')} not listed`);
    assert.equal(tree[1], `    node_modules/  from #2; ${modules.count.toLocaleString('en')} paths below (${modules.bytes}), ${unlisted.toLocaleString('en')} not listed`);
    const pkg0 = below(json, '/app/node_modules/pkg0');
    assert.equal(tree[2], `      pkg0/  from #2; ${pkg0.count} paths below (${pkg0.bytes}), not listed`);
    assert.ok(!tree.some((line) => line.includes('index.js')), tree.join('\n'));
  });

  it('small tree listed whole', async () => {
    const files: ContextSpec = { Dockerfile: dockerfile, 'node_modules/pkg0/index.js': 'module.exports = 0;\n' };
    const tree = mergedTree(await explain([], files));
    assert.deepEqual(tree, ['  app/  from #1', '    node_modules/  from #2', '      pkg0/  from #2', '        index.js  20 B, from #2']);
  });

  it('deleted paths cut to the limit', async () => {
    const names = Array.from({ length: LISTED_PATHS + 5 }, (_, index) => `f${index}`);
    const files: ContextSpec = { Dockerfile: `FROM alpine:3.20\nCOPY files /files\nRUN cd /files && rm ${names.join(' ')}\n` };
    for (const name of names) files[`files/${name}`] = 'x\n';
    const text = await explain([], files);
    const deleted = text.slice(text.indexOf('\nDeleted:\n') + 1).trimEnd().split('\n').slice(1);
    assert.equal(deleted.length, LISTED_PATHS + 1, deleted.join('\n'));
    assert.equal(deleted[0], '  /files/f0  by #2');
    assert.equal(deleted[LISTED_PATHS], '  … and 5 more deleted paths (--json lists them all)');
  });
});
