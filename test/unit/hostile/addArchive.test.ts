/**
 * ADD of a local archive made to escape its folder or to carry special files. The prediction
 * keeps what the builders keep, and Docker 20.10's classic builder and buildah 1.28.2 stored
 * every one of these members in real builds. A warning names the members that climb with `..`.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { buildTar, type TestEntry } from '../archive/tarBuilder';

const members: TestEntry[] = [
  { name: 'ok/a.txt', body: 'hello' },
  { name: '../escape.txt', body: 'esc' },
  { name: 'ok/../../up.txt', body: 'upup' },
  { name: 'ok/link', type: '2', linkname: '/etc/passwd', mode: 0o644 },
  { name: 'ok/fifo', type: '6', mode: 0o640 },
  { name: 'ok/tty', type: '3' },
  { name: 'ok/hard', type: '1', linkname: '../ok/a.txt' },
];

/**
 * Analyses `ADD evil.tar /x/` over `members` in a context folder one level below a new
 * temporary folder, and lists what both folders contain afterwards, then deletes them.
 */
async function analyzeAdd(builder: BuilderKind): Promise<{ analysis: Analysis; folders: string[][] }> {
  const root = mkdtempSync(join(tmpdir(), 'layer-lens-add-archive-'));
  try {
    const context = join(root, 'ctx');
    mkdirSync(context);
    const dockerfilePath = join(context, 'Dockerfile');
    const text = 'FROM scratch\nADD evil.tar /x/\n';
    writeFileSync(dockerfilePath, text);
    writeFileSync(join(context, 'evil.tar'), buildTar(members));
    const analysis = await analyze({ dockerfilePath, text, builder });
    return { analysis, folders: [readdirSync(root).sort(), readdirSync(context).sort()] };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Renders the ADD layer's entries as `path type size mode certainty` lines. */
function addLayerLines(analysis: Analysis): string[] {
  const layer = analysis.stack.layers[1];
  assert.ok(layer, 'the ADD step has a layer');
  return layer.layer.entries.map((entry) => {
    if (entry.op !== 'write') return `${entry.path} deleted`;
    const target = entry.linkTarget === undefined ? '' : ` -> ${entry.linkTarget}`;
    return `${entry.path} ${entry.type} ${entry.size} ${entry.mode?.toString(8)} ${entry.certainty}${target}`;
  });
}

describe('ADD of a hostile local archive', () => {
  for (const builder of ['classic', 'buildah', 'buildkit'] as const) {
    it(`${builder} keeps every member inside`, async () => {
      const { analysis, folders } = await analyzeAdd(builder);
      // The prediction only reads: no member lands in the context or above it.
      assert.deepEqual(folders, [['ctx'], ['Dockerfile', 'evil.tar']]);
      assert.deepEqual(addLayerLines(analysis).sort(), [
        '/x directory 0 755 exact',
        '/x/escape.txt file 3 644 exact',
        '/x/ok directory 0 755 exact',
        '/x/ok/a.txt file 5 644 exact',
        '/x/ok/fifo file 0 640 exact',
        '/x/ok/hard hardlink 0 644 exact -> /x/ok/a.txt',
        '/x/ok/link symlink 0 777 exact -> /etc/passwd',
        '/x/ok/tty file 0 644 estimated',
        '/x/up.txt file 4 644 exact',
      ]);
    });
  }

  it('warning names climbing members', async () => {
    const { analysis } = await analyzeAdd('classic');
    const messages = analysis.problems.filter((problem) => problem.line === 2).map((problem) => `${problem.severity}: ${problem.message}`);
    assert.deepEqual(messages, [
      'warning: evil.tar has members whose names climb above the archive with "..": "../escape.txt" as /x/escape.txt, ' +
        '"ok/../../up.txt" as /x/up.txt, the hard link target "../ok/a.txt" of ok/hard as /x/ok/a.txt. ADD keeps them inside /x, but such names are how an archive ' +
        'tries to write outside the folder it is extracted to, so check where it comes from.',
    ]);
  });

  it('notes on FIFOs and devices', async () => {
    const { analysis } = await analyzeAdd('buildah');
    const notes = analysis.steps[1]?.notes ?? [];
    assert.ok(notes.includes('ADD makes the FIFOs (named pipes) of evil.tar, shown here as empty files: /x/ok/fifo.'), notes.join('\n'));
    assert.ok(notes.includes('ADD makes the device nodes of evil.tar when the builder runs as root, and leaves them out when it ' +
      'runs rootless, in a user namespace. They are shown here as empty files, marked estimated: /x/ok/tty.'), notes.join('\n'));
  });
});
