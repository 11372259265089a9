/**
 * Build contexts that are too large or that change while they are walked: the walk stops with a
 * message that tells how to narrow the context, and a context in flux never makes it throw.
 */
import { strict as assert } from 'node:assert';
import { promises as fs, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { walkContext } from '../../../src/core/context/walk';

/** Makes `folders` folders of `files` files each under a new temporary root. */
function makeContext(folders: number, files: number): string {
  const root = mkdtempSync(join(tmpdir(), 'layer-lens-hostile-context-'));
  for (let folder = 0; folder < folders; folder++) {
    mkdirSync(join(root, `d${folder}`));
    for (let file = 0; file < files; file++) writeFileSync(join(root, `d${folder}`, `f${file}.txt`), 'x');
  }
  return root;
}

/** Deletes, recreates and swaps files and folders until `stop` resolves. */
async function churn(root: string, folders: number, files: number, stop: Promise<unknown>): Promise<number> {
  let done = false;
  void stop.finally(() => {
    done = true;
  });
  let changes = 0;
  for (let round = 0; !done; round++) {
    const folder = join(root, `d${round % folders}`);
    const file = join(folder, `f${round % files}.txt`);
    await fs.rm(file, { force: true });
    if (round % 3 === 0) await fs.mkdir(file, { recursive: true });
    else if (round % 3 === 1) await fs.symlink('..', file).catch(() => undefined);
    else await fs.writeFile(file, 'y').catch(() => undefined);
    if (round % 50 === 49) await fs.rm(folder, { recursive: true, force: true });
    changes++;
  }
  return changes;
}

describe('hostile build contexts', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('entry limit message', async function () {
    this.timeout(60_000);
    const root = makeContext(5, 40);
    roots.push(root);
    const index = await walkContext(root, { maxEntries: 50 });
    assert.equal(index.size, 50);
    assert.equal(index.problems.length, 1);
    assert.equal(index.problems[0]?.message, 'The build context has more than 50 entries, so the walk stopped and the analysis ' +
      'sees only part of it. Exclude what the build does not need in .dockerignore, or choose a smaller context folder.');
  });

  it('files changing during the walk', async function () {
    this.timeout(60_000);
    const root = makeContext(20, 50);
    roots.push(root);
    const walk = walkContext(root);
    const changes = await churn(root, 20, 50, walk);
    const index = await walk;
    // Which paths the walk saw depends on timing; that it finishes and explains each miss does not.
    assert.ok(changes > 0);
    for (const problem of index.problems) assert.match(problem.message, /^This (path|directory|symbolic link) cannot be read \(.+\)\./);
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text: 'FROM scratch\nCOPY . /app/\n', context: index });
    assert.deepEqual(analysis.problems, []);
  });
});
