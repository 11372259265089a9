import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { LayerEntry, WriteEntry } from '../../../src/core/model/layer';
import { makeLayer, type Layer } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { compareLayers, describeDifference } from '../../../src/core/image/layerComparison';
import type { StackedView } from '../../../src/core/image/layerEffect';
import { readImage } from '../../../src/core/image/readImage';

function file(path: string, size = 1): WriteEntry {
  return { op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' };
}

function directory(path: string, opaque = false): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact', ...(opaque ? { opaque } : {}) };
}

const base: LayerEntry[] = [directory('/app'), file('/app/a'), file('/app/b'), directory('/etc'), file('/etc/conf')];

/** Stacks `entries` as one layer on top of `below`. */
function classify(entries: LayerEntry[], below: Layer[] = [makeLayer(base)]): StackedView {
  const stack = new LayerStack();
  for (const layer of below) stack.push(layer);
  return { stack, layer: stack.push(makeLayer(entries)) };
}

function whiteout(path: string): LayerEntry {
  return { op: 'delete', path, certainty: 'exact' };
}

describe('compareLayers', () => {
  it('same changes agree', () => {
    const layer = [directory('/app'), file('/app/a', 5), file('/app/c')];

    const difference = compareLayers(classify(layer), classify(layer));

    assert.equal(describeDifference(difference), undefined);
  });

  it('re-stated parent directories are ignored', () => {
    const predicted = classify([file('/app/c')]);
    const built = classify([directory('/app'), file('/app/c')]);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('paths on one side only', () => {
    const predicted = classify([file('/app/c'), file('/app/d')]);
    const built = classify([file('/app/c'), file('/tmp/x'), file('/tmp/y'), file('/tmp/z'), file('/tmp/w')]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.onlyPredicted, ['/app/d']);
    assert.deepEqual(difference.onlyBuilt, ['/tmp/w', '/tmp/x', '/tmp/y', '/tmp/z']);
    assert.equal(
      describeDifference(difference),
      'The built layer differs from the prediction. Only the image has 4 paths: /tmp/w, /tmp/x, /tmp/y and 1 more. Only the prediction has 1 path: /app/d.',
    );
  });

  it('added versus modified', () => {
    const predicted = classify([file('/app/new'), { op: 'delete', path: '/app/a', certainty: 'exact' }]);
    const built = classify([file('/app/new'), file('/app/a')]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.changeMismatches, [{ path: '/app/a', predicted: 'deleted', built: 'modified' }]);
    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. /app/a is modified in the image, not deleted.');
  });

  it('opaque directory counts its removals', () => {
    const predicted = classify([file('/app/c')]);
    const built = classify([directory('/app', true), file('/app/c')]);

    assert.deepEqual(compareLayers(predicted, built).onlyBuilt, ['/app/a', '/app/b']);
  });

  it('opaque directory equals child whiteouts', () => {
    const opaque = classify([directory('/app', true), file('/app/a', 2)]);
    const whiteouts = classify([directory('/app'), file('/app/a', 2), whiteout('/app/b')]);

    assert.equal(describeDifference(compareLayers(opaque, whiteouts)), undefined);
    assert.equal(describeDifference(compareLayers(whiteouts, opaque)), undefined);
  });

  it('whiteout of unknown path kept', () => {
    const predicted = classify([whiteout('/var/cache/apt')]);
    const built = classify([]);

    assert.deepEqual(compareLayers(predicted, built).onlyPredicted, ['/var/cache/apt']);
  });

  it('counts grouped by thousands', () => {
    const names = Array.from({ length: 1005 }, (_, index) => `/tmp/f${String(index).padStart(4, '0')}`);
    const predicted = classify([]);
    const built = classify(names.map((path) => file(path)));

    assert.equal(
      describeDifference(compareLayers(predicted, built)),
      'The built layer differs from the prediction. Only the image has 1,005 paths: /tmp/f0000, /tmp/f0001, /tmp/f0002 and 1,002 more.',
    );
  });

  it('more than three mismatches', () => {
    const below = [makeLayer([...base, file('/etc/more')])];
    const names = ['/app/a', '/app/b', '/etc/conf', '/etc/more'];
    const predicted = classify(names.map(whiteout), below);
    const built = classify(names.map((path) => file(path)), below);

    assert.equal(
      describeDifference(compareLayers(predicted, built)),
      'The built layer differs from the prediction. /app/a is modified in the image, not deleted. /app/b is modified in the image, not deleted. /etc/conf is modified in the image, not deleted. 1 more path differs in its kind of change.',
    );
  });
});

/**
 * A RUN that deletes node_modules/.cache and, by a glob, each package's test folder, over a
 * node_modules folder that a RUN of another stage made. The prediction lists the folder but not
 * its contents, so it deletes .cache without listing its files and cannot expand the glob. The
 * built layer's stack below lists every file, so its effect deletes each of them.
 */
describe('compareLayers on a folder of unknown contents', () => {
  const modules = '/app/node_modules';
  const predictedBelow = [makeLayer(base), makeLayer([directory(modules)], 'unknown')];
  const builtBelow = [
    makeLayer(base),
    makeLayer([
      directory(modules),
      directory(`${modules}/.cache`),
      file(`${modules}/.cache/babel-0.json`),
      file(`${modules}/.cache/babel-1.json`),
      directory(`${modules}/.cache/sub`),
      file(`${modules}/.cache/sub/c.json`),
      directory(`${modules}/a`),
      file(`${modules}/a/index.js`),
      directory(`${modules}/a/test`),
      file(`${modules}/a/test/a.test.js`),
      directory(`${modules}/b`),
      directory(`${modules}/b/test`),
      file(`${modules}/b/test/b.test.js`),
    ]),
  ];
  const unlistedWhiteout = (path: string): LayerEntry => ({ op: 'delete', path, certainty: 'unknown' });

  it('deleted folder covers its files', () => {
    const predicted = classify([unlistedWhiteout(`${modules}/.cache`)], predictedBelow);
    const built = classify([whiteout(`${modules}/.cache`), whiteout(`${modules}/a/test`), whiteout(`${modules}/b/test`)], builtBelow);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.onlyBuilt, [`${modules}/a/test`, `${modules}/b/test`]);
    assert.deepEqual(difference.deletedOnlyInBuilt, [`${modules}/a/test`, `${modules}/b/test`]);
    assert.deepEqual(difference.onlyPredicted, []);
    assert.equal(
      describeDifference(difference),
      "The built layer differs from the prediction. The image's layer deletes 2 paths that the prediction could not list as deleted: /app/node_modules/a/test, /app/node_modules/b/test.",
    );
  });

  it('deleted folder alone agrees', () => {
    const predicted = classify([unlistedWhiteout(`${modules}/.cache`)], predictedBelow);
    const built = classify([whiteout(`${modules}/.cache`)], builtBelow);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('opaque folder covers child whiteouts', () => {
    // vfs storage writes a whiteout for each child where overlay storage marks the folder opaque.
    const predicted = classify([directory(modules, true)], predictedBelow);
    const built = classify([directory(modules), whiteout(`${modules}/.cache`), whiteout(`${modules}/a`), whiteout(`${modules}/b`)], builtBelow);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('write inside deleted folder differs', () => {
    const predicted = classify([unlistedWhiteout(`${modules}/.cache`)], predictedBelow);
    const built = classify([directory(`${modules}/.cache`, true), file(`${modules}/.cache/new.json`)], builtBelow);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.onlyBuilt, [`${modules}/.cache/new.json`]);
    assert.deepEqual(difference.changeMismatches, [{ path: `${modules}/.cache`, predicted: 'deleted', built: 'modified' }]);
  });
});

/**
 * buildah 1.28 on vfs storage built `RUN rm -rf /app/cache && mkdir -p /app/cache && echo x >
 * /app/cache/a` over a COPY of cache/a, cache/b and cache/sub/c. Its layer writes /app/cache/a
 * again with a whiteout for cache/b and one for cache/sub. Predictions write the same step as an
 * opaque folder, or as a whiteout of the folder and the folder again.
 */
describe('compareLayers on a buildah vfs layer', () => {
  const archive = join(__dirname, '../../fixtures/images/recreated-folder/recreated-folder.buildah.tar');
  let layers: Layer[];
  let built: StackedView;
  /** The built RUN layer's entries outside /app/cache (buildah's /dev, /etc/hosts, ... and /app). */
  let outsideCache: LayerEntry[];

  before(async () => {
    const image = await readImage({ kind: 'path', path: archive });
    layers = image.layers.map(({ layer }) => layer);
    const run = layers[layers.length - 1];
    built = classify(run.entries, layers.slice(0, -1));
    outsideCache = run.entries.filter((entry) => entry.path !== '/app/cache' && !entry.path.startsWith('/app/cache/'));
  });

  /** Stacks a prediction of the RUN: the built entries outside /app/cache, then `cache`. */
  function predict(cache: LayerEntry[]): StackedView {
    return classify([...outsideCache, ...cache], layers.slice(0, -1));
  }

  it('fixture has per-child whiteouts', () => {
    const entries = built.layer.entries.map(({ entry, change }) => `${change} ${entry.path}`).filter((line) => line.includes('/app/cache'));

    assert.deepEqual(entries, ['modified /app/cache', 'modified /app/cache/a', 'deleted /app/cache/b', 'deleted /app/cache/sub']);
  });

  it('opaque folder agrees', () => {
    const predicted = predict([directory('/app/cache', true), file('/app/cache/a', 2)]);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('folder whiteout and remake agrees', () => {
    const predicted = predict([whiteout('/app/cache'), directory('/app/cache'), file('/app/cache/a', 2)]);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('file not written again differs', () => {
    const predicted = predict([directory('/app/cache', true)]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.changeMismatches, [{ path: '/app/cache/a', predicted: 'deleted', built: 'modified' }]);
    assert.deepEqual(difference.onlyBuilt, []);
    assert.deepEqual(difference.onlyPredicted, []);
  });

  it('folder kept differs', () => {
    const predicted = predict([file('/app/cache/a', 2), whiteout('/app/cache/b')]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.onlyBuilt, ['/app/cache/sub']);
    assert.equal(describeDifference(difference), "The built layer differs from the prediction. The image's layer deletes 1 path that the prediction does not delete: /app/cache/sub.");
  });

  it('folder removed differs', () => {
    const predicted = predict([whiteout('/app/cache')]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.changeMismatches, [
      { path: '/app/cache', predicted: 'deleted', built: 'modified' },
      { path: '/app/cache/a', predicted: 'deleted', built: 'modified' },
    ]);
    assert.deepEqual(difference.onlyBuilt, []);
    assert.deepEqual(difference.onlyPredicted, []);
  });

  it('nothing removed differs once', () => {
    const predicted = predict([file('/app/cache/a', 2)]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.onlyBuilt, ['/app/cache/b', '/app/cache/sub']);
    assert.equal(describeDifference(difference), "The built layer differs from the prediction. The image's layer deletes 2 paths that the prediction does not delete: /app/cache/b, /app/cache/sub.");
  });
});

describe('compareLayers unchanged rewrites', () => {
  const stored: WriteEntry = { ...file('/app/a', 4), digest: 'aaaa' };
  const below = [makeLayer([directory('/app'), stored])];
  const built = classify([], below);
  const vfsClause = ', written again unchanged, which overlay storage keeps and vfs storage drops, so the image was likely built on vfs';

  it('same file again names vfs', () => {
    const difference = compareLayers(classify([{ ...stored }], below), built);

    assert.deepEqual(difference.onlyPredicted, ['/app/a']);
    assert.deepEqual(difference.unchangedRewrites, ['/app/a']);
    assert.equal(describeDifference(difference), `The built layer differs from the prediction. Only the prediction has 1 path: /app/a${vfsClause}.`);
  });

  it('copied-up file names vfs', () => {
    // A RUN that sets a value the file already has copies it up without a digest.
    const copiedUp: WriteEntry = { ...file('/app/a', 4), origin: { kind: 'parent' } };

    assert.deepEqual(compareLayers(classify([copiedUp], below), built).unchangedRewrites, ['/app/a']);
  });

  it('new mode is no rewrite', () => {
    const difference = compareLayers(classify([{ ...stored, mode: 0o755 }], below), built);

    assert.deepEqual(difference.unchangedRewrites, []);
    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. Only the prediction has 1 path: /app/a.');
  });

  it('new owner is no rewrite', () => {
    assert.deepEqual(compareLayers(classify([{ ...stored, uid: 1000 }], below), built).unchangedRewrites, []);
  });

  it('new content is no rewrite', () => {
    assert.deepEqual(compareLayers(classify([{ ...stored, digest: 'bbbb' }], below), built).unchangedRewrites, []);
  });

  it('added file is no rewrite', () => {
    assert.deepEqual(compareLayers(classify([file('/app/new')], below), built).unchangedRewrites, []);
  });

  it('rewrite beside another path', () => {
    const difference = compareLayers(classify([{ ...stored }, file('/app/new')], below), built);

    assert.deepEqual(difference.unchangedRewrites, ['/app/a']);
    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. Only the prediction has 2 paths: /app/a, /app/new.');
  });

  it('rewrite of a path the image lacks', () => {
    // The prediction's lower layers contain /app/a and the image's do not, so the rewrite is a
    // misprediction that vfs storage does not explain.
    const difference = compareLayers(classify([{ ...stored }], below), classify([], [makeLayer([directory('/app')])]));

    assert.deepEqual(difference.onlyPredicted, ['/app/a']);
    assert.deepEqual(difference.unchangedRewrites, []);
    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. Only the prediction has 1 path: /app/a.');
  });

  it('rewrite of another image version', () => {
    const otherMode = classify([], [makeLayer([directory('/app'), { ...stored, mode: 0o600 }])]);
    const otherContent = classify([], [makeLayer([directory('/app'), { ...stored, digest: 'bbbb' }])]);

    assert.deepEqual(compareLayers(classify([{ ...stored }], below), otherMode).unchangedRewrites, []);
    assert.deepEqual(compareLayers(classify([{ ...stored }], below), otherContent).unchangedRewrites, []);
  });

  it('copied-up file matches image version', () => {
    // A predicted copy-up has no digest and an origin unlike the image's, so size, mode and owner decide.
    const copiedUp: WriteEntry = { ...file('/app/a', 4), origin: { kind: 'parent' } };
    const fromTar: WriteEntry = { ...stored, origin: { kind: 'layer-tar', name: 'app/a' } };

    assert.deepEqual(compareLayers(classify([copiedUp], below), classify([], [makeLayer([directory('/app'), fromTar])])).unchangedRewrites, ['/app/a']);
  });

  it('rewrite beside an image-only path', () => {
    const difference = compareLayers(classify([{ ...stored }], below), classify([file('/tmp/x')], below));

    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. Only the image has 1 path: /tmp/x. Only the prediction has 1 path: /app/a.');
  });
});

describe('compareLayers file contents', () => {
  const fromContext = (path: string, size: number): WriteEntry => ({ ...file(path, size), origin: { kind: 'context', path: path.slice(1) } });

  it('size from context differs', () => {
    const difference = compareLayers(classify([fromContext('/app/config.json', 17)]), classify([file('/app/config.json', 121)]));

    assert.deepEqual(difference.contentMismatches, [{ path: '/app/config.json', predictedSize: 17, builtSize: 121, predictedOrigin: 'context' }]);
    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. /app/config.json is 121 B in the image and 17 B in the build context.');
  });

  it('size from elsewhere names prediction', () => {
    const heredoc: WriteEntry = { ...file('/app/run.sh', 10), origin: { kind: 'heredoc', name: 'EOF' } };

    const message = describeDifference(compareLayers(classify([heredoc]), classify([file('/app/run.sh', 12)])));

    assert.equal(message, 'The built layer differs from the prediction. /app/run.sh is 12 B in the image and 10 B in the prediction.');
  });

  it('close sizes read in bytes', () => {
    const message = describeDifference(compareLayers(classify([fromContext('/app/a', 1234)]), classify([file('/app/a', 1236)])));

    assert.equal(message, 'The built layer differs from the prediction. /app/a is 1,236 B in the image and 1,234 B in the build context.');
  });

  it('more than three sizes counted', () => {
    const paths = ['/app/a', '/app/b', '/app/c', '/app/d', '/app/e'];

    const message = describeDifference(compareLayers(classify(paths.map((path) => fromContext(path, 2))), classify(paths.map((path) => file(path, 3)))));

    assert.equal(
      message,
      'The built layer differs from the prediction. /app/a is 3 B in the image and 2 B in the build context. /app/b is 3 B in the image and 2 B in the build context. ' +
        '/app/c is 3 B in the image and 2 B in the build context. 2 more files differ in size or content.',
    );
  });

  it('digests differ at same size', () => {
    const difference = compareLayers(classify([{ ...file('/app/a', 4), digest: 'aaaa' }]), classify([{ ...file('/app/a', 4), digest: 'bbbb' }]));

    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. /app/a has other content in the image than in the prediction, at the same size (4 B).');
  });

  it('same size and digest agree', () => {
    const entry: WriteEntry = { ...fromContext('/app/a', 4), digest: 'aaaa' };

    assert.equal(describeDifference(compareLayers(classify([entry]), classify([{ ...file('/app/a', 4), digest: 'aaaa' }]))), undefined);
  });

  it('one digest missing agrees', () => {
    assert.equal(describeDifference(compareLayers(classify([fromContext('/app/a', 4)]), classify([{ ...file('/app/a', 4), digest: 'bbbb' }]))), undefined);
  });

  it('estimated or unknown size ignored', () => {
    const estimated: WriteEntry = { ...fromContext('/app/a', 4), certainty: 'estimated' };
    const unknownSize: WriteEntry = { ...fromContext('/app/b', 4), size: null };
    const built = classify([file('/app/a', 9), file('/app/b', 9)]);

    assert.deepEqual(compareLayers(classify([estimated, unknownSize]), built).contentMismatches, []);
  });

  it('file modes ignored', () => {
    const predicted = classify([directory('/app'), { ...fromContext('/app/a', 4), mode: 0o600 }]);
    const built = classify([directory('/app'), file('/app/a', 4)]);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('file versus link ignored', () => {
    const link: WriteEntry = { ...file('/app/a', 0), type: 'hardlink', linkTarget: '/app/b' };

    assert.deepEqual(compareLayers(classify([fromContext('/app/a', 4)]), classify([link])).contentMismatches, []);
  });

  it('size beside a path difference', () => {
    const message = describeDifference(compareLayers(classify([fromContext('/app/a', 4)]), classify([file('/app/a', 5), file('/tmp/x')])));

    assert.equal(message, 'The built layer differs from the prediction. Only the image has 1 path: /tmp/x. /app/a is 5 B in the image and 4 B in the build context.');
  });
});

describe('compareLayers file modes', () => {
  const fromContext = (path: string, mode: number): WriteEntry => ({ ...file(path, 4), mode, origin: { kind: 'context', path: path.slice(1) } });
  const withMode = (path: string, mode: number): WriteEntry => ({ ...file(path, 4), mode });
  const compareModes = (predicted: WriteEntry[], built: WriteEntry[]) => compareLayers(classify(predicted), classify(built), undefined, true);

  it('mode from context differs', () => {
    const difference = compareModes([fromContext('/app/run.sh', 0o644)], [withMode('/app/run.sh', 0o755)]);

    assert.deepEqual(difference.modeMismatches, [{ path: '/app/run.sh', predictedMode: 0o644, builtMode: 0o755 }]);
    assert.equal(
      describeDifference(difference),
      'The built layer differs from the prediction. /app/run.sh has mode 0755 in the image and 0644 in the build context, so the file\'s mode likely changed after the build, and a rebuild would store 0644.',
    );
  });

  it('unchanged mode agrees', () => {
    const difference = compareModes([fromContext('/app/run.sh', 0o755), fromContext('/app/key', 0o600)], [withMode('/app/run.sh', 0o755), withMode('/app/key', 0o600)]);

    assert.deepEqual(difference.modeMismatches, []);
    assert.equal(describeDifference(difference), undefined);
  });

  it('modes not compared unless asked', () => {
    const difference = compareLayers(classify([fromContext('/app/run.sh', 0o644)]), classify([withMode('/app/run.sh', 0o755)]));

    assert.deepEqual(difference.modeMismatches, []);
  });

  it('estimated or non-context modes ignored', () => {
    const predicted = [
      { ...fromContext('/app/estimated', 0o644), certainty: 'estimated' as const },
      { ...fromContext('/app/unknown', 0o644), mode: null },
      { ...withMode('/app/heredoc', 0o644), origin: { kind: 'heredoc' as const, name: 'EOF' } },
      { ...withMode('/app/staged', 0o644), origin: { kind: 'stage' as const, stage: 0, path: '/out/staged' } },
      { ...withMode('/app/unpacked', 0o644), origin: { kind: 'archive' as const, archive: 'a.tar', member: 'unpacked' } },
      fromContext('/app/changed', 0o644),
    ];
    const built = ['/app/estimated', '/app/unknown', '/app/heredoc', '/app/staged', '/app/unpacked', '/app/changed'].map((path) => withMode(path, 0o755));

    assert.deepEqual(compareModes(predicted, built).modeMismatches, [{ path: '/app/changed', predictedMode: 0o644, builtMode: 0o755 }]);
  });

  it('special and group-write bits ignored', () => {
    // The recorded builders drop setuid, and no recorded build shows whether a umask clears group or other write.
    const predicted = [fromContext('/app/tool', 0o755), fromContext('/app/shared', 0o664), fromContext('/app/open', 0o644)];
    const built = [withMode('/app/tool', 0o4755), withMode('/app/shared', 0o644), withMode('/app/open', 0o600)];

    assert.deepEqual(compareModes(predicted, built).modeMismatches, [{ path: '/app/open', predictedMode: 0o644, builtMode: 0o600 }]);
  });

  it('file versus link mode ignored', () => {
    const link: WriteEntry = { ...file('/app/a', 0), type: 'hardlink', linkTarget: '/app/b', mode: 0o755 };

    assert.deepEqual(compareModes([fromContext('/app/a', 0o644)], [link]).modeMismatches, []);
  });

  it('more than three modes counted', () => {
    const paths = ['/app/a', '/app/b', '/app/c', '/app/d', '/app/e'];

    const message = describeDifference(compareModes(paths.map((path) => fromContext(path, 0o644)), paths.map((path) => withMode(path, 0o755))));

    const sentence = (path: string) => `${path} has mode 0755 in the image and 0644 in the build context, so the file's mode likely changed after the build, and a rebuild would store 0644.`;
    assert.equal(message, `The built layer differs from the prediction. ${sentence('/app/a')} ${sentence('/app/b')} ${sentence('/app/c')} 2 more files differ in mode.`);
  });

  it('mode beside a size difference', () => {
    const difference = compareModes([fromContext('/app/a', 0o644)], [{ ...withMode('/app/a', 0o755), size: 5 }]);

    assert.equal(
      describeDifference(difference),
      'The built layer differs from the prediction. /app/a is 5 B in the image and 4 B in the build context. ' +
        '/app/a has mode 0755 in the image and 0644 in the build context, so the file\'s mode likely changed after the build, and a rebuild would store 0644.',
    );
  });
});

describe('compareLayers owners', () => {
  const owned = (entry: WriteEntry, uid: number | null, gid: number | null = uid): WriteEntry => ({ ...entry, uid, gid });
  const fromContext = (path: string): WriteEntry => ({ ...file(path, 4), origin: { kind: 'context', path: path.slice(1) } });
  const workdir = (path: string): WriteEntry => ({ ...directory(path), origin: { kind: 'workdir' } });
  const sentence = (path: string, built: string, predicted: string) =>
    `${path} is owned by ${built} in the image and predicted ${predicted}, so either the prediction is wrong there or the step's --chown or USER changed since the build.`;

  it('folder owner differs', () => {
    // The buildah 1.28.2 layer of `WORKDIR /srv/app` then `COPY --chown=app:app ... ./dist`, against a prediction of root.
    const below = [makeLayer([...base, directory('/srv')])];
    const predicted = classify([workdir('/srv/app'), owned(directory('/srv/app/dist'), 1000), owned(file('/srv/app/dist/index.js', 4), 1000)], below);
    const built = classify([directory('/srv'), owned(directory('/srv/app'), 1000), owned(directory('/srv/app/dist'), 1000), owned(file('/srv/app/dist/index.js', 4), 1000)], below);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.ownerMismatches, [{ path: '/srv/app', predicted: { uid: 0, gid: 0 }, built: { uid: 1000, gid: 1000 } }]);
    assert.equal(describeDifference(difference), `The built layer differs from the prediction. ${sentence('/srv/app', '1000:1000', '0:0')}`);
  });

  it('--chown owner of a context file differs', () => {
    const difference = compareLayers(classify([owned(fromContext('/app/a'), 1000)]), classify([file('/app/a', 4)]));

    assert.equal(describeDifference(difference), `The built layer differs from the prediction. ${sentence('/app/a', '0:0', '1000:1000')}`);
  });

  it('group alone differs', () => {
    const difference = compareLayers(classify([owned(fromContext('/app/a'), 1000, 1000)]), classify([owned(file('/app/a', 4), 1000, 0)]));

    assert.deepEqual(difference.ownerMismatches, [{ path: '/app/a', predicted: { uid: 1000, gid: 1000 }, built: { uid: 1000, gid: 0 } }]);
  });

  it('same owners agree', () => {
    const layer = [owned(workdir('/srv/app'), 1000), fromContext('/srv/app/a'), owned(fromContext('/srv/app/b'), 7, 8)];

    assert.equal(describeDifference(compareLayers(classify(layer), classify(layer))), undefined);
  });

  it('copied-up folder only in the image ignored', () => {
    // Builders write the parents of every changed path again, with the owner they have below.
    const predicted = classify([fromContext('/app/c')]);
    const builtBelow = [makeLayer([...base, owned(directory('/app'), 1000)])];
    const built = classify([owned(directory('/app'), 1000), fromContext('/app/c')], builtBelow);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('estimated, unknown or link owners ignored', () => {
    const predicted = [
      { ...fromContext('/app/estimated'), certainty: 'estimated' as const },
      { ...fromContext('/app/guessed'), certainty: 'unknown' as const },
      owned(fromContext('/app/unresolved'), null),
      { ...file('/app/link', 0), type: 'symlink' as const, linkTarget: 'a' },
      fromContext('/app/hardlinked'),
      fromContext('/app/changed'),
    ];
    const built = [
      ...['/app/estimated', '/app/guessed', '/app/unresolved', '/app/changed'].map((path) => owned(file(path, 4), 1000)),
      owned({ ...file('/app/link', 0), type: 'symlink', linkTarget: 'a' }, 1000),
      owned({ ...file('/app/hardlinked', 0), type: 'hardlink', linkTarget: '/app/b' }, 1000),
    ];

    assert.deepEqual(compareLayers(classify(predicted), classify(built)).ownerMismatches, [{ path: '/app/changed', predicted: { uid: 0, gid: 0 }, built: { uid: 1000, gid: 1000 } }]);
  });

  it('more than three owners counted', () => {
    const paths = ['/app/a', '/app/b', '/app/c', '/app/d', '/app/e'];

    const message = describeDifference(compareLayers(classify(paths.map(fromContext)), classify(paths.map((path) => owned(file(path, 4), 1000)))));

    const named = ['/app/a', '/app/b', '/app/c'].map((path) => sentence(path, '1000:1000', '0:0')).join(' ');
    assert.equal(message, `The built layer differs from the prediction. ${named} 2 more paths differ in owner.`);
  });

  it('owner beside a mode difference', () => {
    const predicted = [{ ...fromContext('/app/a'), mode: 0o644 }];
    const built = [owned({ ...file('/app/a', 4), mode: 0o755 }, 1000)];

    const message = describeDifference(compareLayers(classify(predicted), classify(built), undefined, true));

    assert.equal(
      message,
      'The built layer differs from the prediction. ' +
        "/app/a has mode 0755 in the image and 0644 in the build context, so the file's mode likely changed after the build, and a rebuild would store 0644. " +
        sentence('/app/a', '1000:1000', '0:0'),
    );
  });
});

describe('compareLayers folders', () => {
  const restated = (path: string, mode: number, uid: number, gid: number): WriteEntry => ({ ...directory(path), mode, uid, gid });
  const below = [makeLayer([...base, directory('/data'), file('/data/over.txt')])];

  it('folder changed only in the image', () => {
    // The buildah 1.28.2 layer of `ADD modes.tar.gz /data/`, whose `./` entry is 0700 1234:2345, against a prediction that keeps /data.
    const predicted = classify([file('/data/over.txt', 5)], below);
    const built = classify([restated('/data', 0o700, 1234, 2345), file('/data/over.txt', 5)], below);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.folderMismatches, [
      { path: '/data', predicted: { uid: 0, gid: 0, mode: 0o755 }, built: { uid: 1234, gid: 2345, mode: 0o700 }, owner: true, mode: true },
    ]);
    assert.equal(
      describeDifference(difference),
      'The built layer differs from the prediction. The folder /data has mode 0700 and owner 1234:2345 in the image, and mode 0755 and owner 0:0 in the prediction.',
    );
  });

  it('folder changed only in the prediction', () => {
    const predicted = classify([restated('/data', 0o700, 0, 0), file('/data/over.txt', 5)], below);
    const built = classify([directory('/data'), file('/data/over.txt', 5)], below);

    assert.equal(describeDifference(compareLayers(predicted, built)), 'The built layer differs from the prediction. The folder /data has mode 0755 in the image and 0700 in the prediction.');
  });

  it('same folder change agrees', () => {
    const layer = [restated('/data', 0o700, 1234, 2345), file('/data/over.txt', 5)];

    assert.equal(describeDifference(compareLayers(classify(layer, below), classify(layer, below))), undefined);
  });

  it('folder the image re-states unchanged ignored', () => {
    const predicted = classify([file('/data/over.txt', 5)], below);
    const built = classify([directory('/data'), file('/data/over.txt', 5)], below);

    assert.deepEqual(compareLayers(predicted, built).folderMismatches, []);
  });

  it('estimated predicted folder ignored', () => {
    const estimatedBelow = [makeLayer([...base, { ...directory('/data'), certainty: 'estimated' }])];
    const predicted = classify([file('/data/over.txt', 5)], estimatedBelow);
    const built = classify([restated('/data', 0o700, 1234, 2345), file('/data/over.txt', 5)], estimatedBelow);

    assert.deepEqual(compareLayers(predicted, built).folderMismatches, []);
  });

  it('folder below an unknown layer ignored', () => {
    // A RUN the prediction does not follow may have changed the folder since it was written.
    const unknownRun = { entries: [file('/tmp/out')], certainty: 'unknown' as const };
    const predicted = classify([file('/data/over.txt', 5)], [...below, unknownRun]);
    const built = classify([restated('/data', 0o700, 1234, 2345), file('/data/over.txt', 5)], [...below, makeLayer([file('/tmp/out')])]);

    assert.deepEqual(compareLayers(predicted, built).folderMismatches, []);
  });

  it('context folder mode ignored', () => {
    const predicted = classify([{ ...directory('/app/src'), origin: { kind: 'context', path: 'src' } }]);
    const built = classify([{ ...directory('/app/src'), mode: 0o700 }]);

    assert.deepEqual(compareLayers(predicted, built).folderMismatches, []);
  });
});

describe('compareLayers types', () => {
  const hardLink = (path: string, target: string): WriteEntry => ({ ...file(path, 0), type: 'hardlink', linkTarget: target });

  it('hard link versus file', () => {
    // Docker Engine 20.10 wrote the second name of a hard-linked context file as a link, where the prediction had two files.
    const predicted = classify([file('/app/a', 5), file('/app/hard-a', 5)]);
    const built = classify([file('/app/a', 5), hardLink('/app/hard-a', '/app/a')]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.typeMismatches, [{ path: '/app/hard-a', predicted: 'file', built: 'hardlink', builtTarget: '/app/a' }]);
    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. /app/hard-a is a hard link to /app/a in the image and a file in the prediction.');
  });

  it('same hard link agrees', () => {
    const layer = [file('/app/a', 5), hardLink('/app/hard-a', '/app/a')];

    assert.equal(describeDifference(compareLayers(classify(layer), classify(layer))), undefined);
  });

  it('estimated type ignored', () => {
    // A FIFO of the build context is listed as an estimated empty file.
    const predicted = classify([{ ...file('/app/pipe', 0), certainty: 'estimated' }]);
    const built = classify([hardLink('/app/pipe', '/app/a')]);

    assert.deepEqual(compareLayers(predicted, built).typeMismatches, []);
  });
});
