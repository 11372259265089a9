/**
 * Existing folders above the paths a RUN writes. A real layer lists them as modified, and a
 * prediction leaves them out unless the RUN changes the folder itself or nothing below it is left.
 */
import * as assert from 'node:assert/strict';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

/** A stage whose WORKDIR /build exists, with a copied file in it, before the RUN on line 4. */
const workdirStage = 'FROM shell-only\nWORKDIR /build\nCOPY package.json ./\n';
const context = { 'package.json': '{}' };

async function changesOfRun(run: string): Promise<string[]> {
  const analysis = await predict(`${workdirStage}${run}\n`, context, { builder: 'classic' });
  return changesAt(analysis, 4, 'owner');
}

describe('RUN and the existing folders above its writes', () => {
  after(removeContexts);

  it('mkdir, then a file made and deleted in the WORKDIR', async () => {
    const run = 'RUN mkdir -p vendor && echo dep > vendor/dep1.txt && dd if=/dev/zero of=/build/cache.bin bs=1024 count=64 && rm -f /build/cache.bin';
    assert.deepEqual(await changesOfRun(run), ['/build/vendor added directory 0755 0:0', '/build/vendor/dep1.txt added file 0644 0:0']);
  });

  it('file made and deleted beside a deletion', async () => {
    assert.deepEqual(await changesOfRun('RUN touch /build/x && rm /build/x /build/package.json'), ['/build/package.json deleted']);
  });

  it('file made and deleted, nothing else written', async () => {
    // The copied-up folder is then the layer's only change, as in a real layer.
    assert.deepEqual(await changesOfRun('RUN touch /build/x && rm /build/x'), ['/build modified directory 0755 0:0']);
  });

  it('file made and deleted in a folder the RUN made', async () => {
    const run = 'RUN mkdir -p /build/old && touch /build/new && touch /build/old/x && rm /build/old/x';
    assert.deepEqual(await changesOfRun(run), ['/build/new added file 0644 0:0', '/build/old added directory 0755 0:0']);
  });

  // A change to the folder itself lists it, before or after a file made and deleted in it.
  const ownChanges: Array<[string, string, string[]]> = [
    ['mkdir, then chmod of the parent', 'RUN mkdir vendor && touch /build/x && rm /build/x && chmod 700 /build', ['/build modified directory 0700 0:0', '/build/vendor added directory 0755 0:0']],
    ['chmod of the parent, then mkdir', 'RUN chmod 700 /build && mkdir vendor && touch /build/x && rm /build/x', ['/build modified directory 0700 0:0', '/build/vendor added directory 0755 0:0']],
    ['mkdir, then touch of the parent', 'RUN touch /build/x && rm /build/x && mkdir vendor && touch /build', ['/build modified directory 0755 0:0', '/build/vendor added directory 0755 0:0']],
  ];
  for (const [name, run, expected] of ownChanges) {
    it(name, async () => {
      assert.deepEqual(await changesOfRun(run), expected);
    });
  }

  const writers: Array<[string, string[]]> = [
    ['RUN mkdir -p vendor/a/b', ['/build/vendor added directory 0755 0:0', '/build/vendor/a added directory 0755 0:0', '/build/vendor/a/b added directory 0755 0:0']],
    ['RUN cp -r /build /copy', ['/copy added directory 0755 0:0', '/copy/package.json added file 0644 0:0']],
    ['RUN mv package.json moved.json', ['/build/moved.json added file 0644 0:0', '/build/package.json deleted']],
    ['RUN ln -s package.json link.json', ['/build/link.json added symlink 0777 0:0']],
    ['RUN touch new.txt', ['/build/new.txt added file 0644 0:0']],
  ];
  for (const [run, expected] of writers) {
    it(run, async () => {
      assert.deepEqual(await changesOfRun(run), expected);
    });
  }

  it('continued RUN, BuildKit and classic', async () => {
    for (const builder of ['classic', 'buildkit'] as const) {
      const text = `${workdirStage}RUN mkdir -p vendor && for i in 1 2 3; do echo "dep $i" > vendor/dep$i.txt; done \\\n && dd if=/dev/zero of=/build/cache.bin bs=1024 count=64 \\\n && rm -f /build/cache.bin\n`;
      const analysis = await predict(text, context, { builder });
      assert.equal(stepAt(analysis, 4).certainty, 'exact', builder);
      assert.deepEqual(changesAt(analysis, 4), [
        '/build/vendor added directory',
        '/build/vendor/dep1.txt added file',
        '/build/vendor/dep2.txt added file',
        '/build/vendor/dep3.txt added file',
      ], builder);
    }
  });
});
