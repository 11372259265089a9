/**
 * Wildcard sources and `.dockerignore` lines against build context names that are not valid
 * UTF-8, on real files. Builders match such a name by its bytes, where `?` takes one invalid
 * byte, and buildah 1.28.2 fails a COPY whose wildcard matches one. The expected results were
 * recorded with buildah 1.28.2 on the same names.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { captureCli } from '../cli/capture';
import { raw, rawHostPath } from './latin1Names';

describe('wildcards on names not valid UTF-8', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'layer-lens-escaped-match-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/ok.txt'), 'a\n');
    writeFileSync(rawHostPath(root, 'src/caf\xe9.txt'), 'c\n');
    mkdirSync(rawHostPath(root, 'src/dir\xe9'));
    writeFileSync(rawHostPath(root, 'src/dir\xe9/a.txt'), 'x\n');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Writes the Dockerfile and returns the JSON of `explain` with `options`. */
  async function explain(dockerfile: string, ...options: string[]): Promise<ExplainJson> {
    writeFileSync(join(root, 'Dockerfile'), dockerfile);
    const result = await captureCli(main, ['explain', '--json', ...options, join(root, 'Dockerfile')]);
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as ExplainJson;
  }

  function copyStep(json: ExplainJson): ExplainJson['layers'][number] {
    const layer = json.layers.find((candidate) => candidate.line === 2);
    assert.ok(layer, JSON.stringify(json.layers));
    return layer;
  }

  const paths = (layer: ExplainJson['layers'][number]) => layer.changes.map((change) => change.path);

  it('buildah fails a star match', async () => {
    const json = await explain('FROM scratch\nCOPY src/*.txt /d/\n', '--builder', 'buildah');

    const errors = json.problems.filter((problem) => problem.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(json.problems));
    assert.equal(errors[0]?.line, 2);
    assert.match(errors[0]?.message ?? '', /^"src\/\*\.txt" matches src\/caf\\xe9\.txt, a path with a name that is not valid UTF-8/);
    assert.ok(errors[0]?.message.includes('("copier: get: globs [/src/caf\uFFFD.txt] matched nothing")'), errors[0]?.message);
    assert.deepEqual(paths(copyStep(json)), []);
  });

  it('buildah fails a match below', async () => {
    const json = await explain('FROM scratch\nCOPY src/*/a.txt /d/\n', '--builder', 'buildah');

    const errors = json.problems.filter((problem) => problem.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(json.problems));
    assert.ok(errors[0]?.message.includes('globs [/src/dir\uFFFD/a.txt]'), errors[0]?.message);
  });

  it('buildah copies a folder match', async () => {
    const json = await explain('FROM scratch\nCOPY sr*/ /d/\n', '--builder', 'buildah');

    assert.deepEqual(json.problems, []);
    const layer = copyStep(json);
    assert.equal(layer.certainty, 'exact');
    assert.deepEqual(paths(layer), ['/d', '/d/caf\\xe9.txt', '/d/dir\\xe9', '/d/dir\\xe9/a.txt', '/d/ok.txt']);
  });

  it('BuildKit star match is estimated', async () => {
    const json = await explain('FROM scratch\nCOPY src/*.txt /d/\n');

    assert.deepEqual(json.problems, []);
    const layer = copyStep(json);
    assert.equal(layer.certainty, 'estimated');
    assert.deepEqual(paths(layer), ['/d', '/d/caf\\xe9.txt', '/d/ok.txt']);
    assert.equal(layer.notes.length, 1, JSON.stringify(layer.notes));
    assert.match(layer.notes[0] ?? '', /^"src\/\*\.txt" matches src\/caf\\xe9\.txt, a path with a name that is not valid UTF-8/);
    assert.match(layer.notes[0] ?? '', /so this step is estimated\.$/);
  });

  it('question mark takes one byte', async () => {
    const oneMark = await explain('FROM scratch\nCOPY src/dir?/ /d/\n');
    assert.deepEqual(paths(copyStep(oneMark)), ['/d', '/d/a.txt']);
    assert.equal(copyStep(oneMark).certainty, 'estimated');

    const fourMarks = await explain('FROM scratch\nCOPY src/dir????/ /d/\n');
    assert.deepEqual(paths(copyStep(fourMarks)), []);
    assert.equal(copyStep(fourMarks).certainty, 'estimated');
    assert.match(copyStep(fourMarks).notes.join('\n'), /"src\/dir\?\?\?\?\/" does not match src\/dir\\xe9, a path with a name that is not valid UTF-8/);
    assert.ok(fourMarks.problems.some((problem) => problem.severity === 'warning' && problem.message.includes('matches nothing')), JSON.stringify(fourMarks.problems));
  });

  it('buildah fails four question marks', async () => {
    // buildah 1.28.2 fails `COPY src/dir????/`, because nothing matches ("no such file or directory").
    const json = await explain('FROM scratch\nCOPY src/dir????/ /d/\n', '--builder', 'buildah');

    const errors = json.problems.filter((problem) => problem.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(json.problems));
    assert.match(errors[0]?.message ?? '', /matches nothing in the build context/);
  });

  it('other wildcard stays exact', async () => {
    const json = await explain('FROM scratch\nCOPY src/o*.txt /d/\n', '--builder', 'buildah');

    assert.deepEqual(json.problems, []);
    const layer = copyStep(json);
    assert.equal(layer.certainty, 'exact');
    assert.deepEqual(layer.notes, []);
    assert.deepEqual(paths(layer), ['/d', '/d/ok.txt']);
  });

  it('ignore lines match the bytes', async () => {
    writeFileSync(rawHostPath(root, 'src/x\xe9y.txt'), 'xy\n');
    writeFileSync(rawHostPath(root, 'src/x\xe9z.txt'), 'xz\n');
    writeFileSync(rawHostPath(root, 'src/lat\xe9in.txt'), 'l\n');
    writeFileSync(join(root, '.dockerignore'), raw('src/x????y.txt\nsrc/x?z.txt\n*.md\nsrc/lat\xe9in.txt\n'));

    const json = await explain('FROM scratch\nCOPY src/ /s/\n', '--builder', 'buildah');

    assert.deepEqual(json.problems, []);
    const layer = copyStep(json);
    // buildah 1.28.2 kept x<E9>y.txt and left out x<E9>z.txt and lat<E9>in.txt.
    assert.deepEqual(paths(layer), ['/s', '/s/caf\\xe9.txt', '/s/dir\\xe9', '/s/dir\\xe9/a.txt', '/s/ok.txt', '/s/x\\xe9y.txt']);
    assert.equal(layer.certainty, 'estimated');
    assert.equal(layer.notes.length, 1, JSON.stringify(layer.notes));
    const note = layer.notes[0] ?? '';
    assert.ok(note.includes('(line 1 "src/x????y.txt", line 2 "src/x?z.txt", line 4 "src/lat\uFFFDin.txt")'), note);
    assert.ok(note.includes('decides on src/lat\\xe9in.txt, src/x\\xe9y.txt, src/x\\xe9z.txt, paths with names that are not valid UTF-8'), note);
    assert.match(note, /whether each is copied is estimated\.$/);
  });

  it('ignore lines elsewhere stay exact', async () => {
    writeFileSync(join(root, '.dockerignore'), 'src/x????y.txt\n');
    mkdirSync(join(root, 'other'));
    writeFileSync(rawHostPath(root, 'other/x\xe9y.txt'), 'xy\n');

    const json = await explain('FROM scratch\nCOPY src/ /s/\n');

    assert.equal(copyStep(json).certainty, 'exact');
    assert.deepEqual(copyStep(json).notes, []);
  });
});
