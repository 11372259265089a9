/**
 * The files that `dd` and `tar -c` write. Expected sizes and error messages are what BusyBox 1.35
 * and GNU dd 9.1 or GNU tar 1.34 wrote and printed on the same command.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { WriteEntry } from '../../../../src/core/model/layer';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt, testImages } from '../helpers';

function sizeOf(analysis: Analysis, path: string): number | null | undefined {
  return analysis.stack.lookup(path)?.entry.size;
}

/** Returns the size that the layer of the step on `line` gives `path`. */
function layerSize(analysis: Analysis, line: number, path: string): number | null | undefined {
  const found = analysis.stack.layers[stepAt(analysis, line).index].entries.find((classified) => classified.entry.path === path)?.entry;
  return found?.op === 'write' ? found.size : undefined;
}

function entry(path: string, type: 'directory' | 'file' | 'symlink', linkTarget?: string): WriteEntry {
  const size = type === 'file' ? 1024 : 0;
  return { op: 'write', path, type, size, mode: 0o755, uid: 0, gid: 0, certainty: 'exact', ...(linkTarget ? { linkTarget } : {}) };
}

/** Alpine's layout, with dd, tar and /bin/sh as symlinks to /bin/busybox, and Debian's, with GNU programs. */
function images(reference: string): KnownImage | undefined {
  const tools = ['sh', 'dd', 'tar'];
  if (reference === 'busybox-tools') return { layer: { entries: [entry('/bin', 'directory'), entry('/bin/busybox', 'file'), ...tools.map((tool) => entry(`/bin/${tool}`, 'symlink', 'busybox'))], certainty: 'exact' } };
  if (reference === 'gnu-tools') return { layer: { entries: [entry('/bin', 'directory'), ...tools.map((tool) => entry(`/bin/${tool}`, 'file'))], certainty: 'exact' } };
  return testImages(reference);
}

function errorOf(analysis: Analysis): string | undefined {
  return /fails \((.*)\), so the build fails/.exec(analysis.problems[0]?.message ?? '')?.[1];
}

describe('RUN dd', () => {
  after(removeContexts);

  it('dd output deleted in next step', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir -p /var/cache/pkg && dd if=/dev/zero of=/var/cache/pkg/index.bin bs=1k count=200\nRUN rm /var/cache/pkg/index.bin\n');
    assert.equal(sizeOf(analysis, '/var/cache/pkg/index.bin'), undefined);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/var exact', '/var/cache exact', '/var/cache/pkg exact', '/var/cache/pkg/index.bin exact']);
    assert.equal(layerSize(analysis, 2, '/var/cache/pkg/index.bin'), 204800);
    assert.deepEqual(stepAt(analysis, 3).notes, []);
    assert.match(analysis.problems.find((problem) => problem.line === 3)?.message ?? '', /deletes .*\/var\/cache\/pkg\/index\.bin, written by line 2 \(RUN\)\. The image still holds those bytes \(205 kB\)/);
  });

  const sizes: Array<[string, number | null]> = [
    ['bs=1k count=2', 2048],
    ['bs=1K count=2', 2048],
    ['bs=1kB count=3', 3000],
    ['bs=1KB count=3', 3000],
    ['bs=1M count=2', 2 * 1024 * 1024],
    ['bs=1MB count=1', 1000000],
    ['bs=1G count=0', 0],
    ['bs=1w count=3', 6],
    ['bs=1b count=2', 1024],
    ['bs=7c count=2', 14],
    ['bs=010 count=1', 10],
    ['bs=4 count=1k', 4096],
    ['count=3', 1536],
    ['ibs=1k count=2', 2048],
    ['ibs=1k obs=2 count=2', 2048],
    ['bs=1k count=2 skip=3', 2048],
    // GNU dd accepts these numbers but BusyBox rejects them.
    ['bs=1KiB count=1', null],
    ['bs=2x512 count=1', null],
    // Both reject these.
    ['bs=1m count=1', null],
    ['bs=1kb count=1', null],
    // BusyBox takes the last of bs= and ibs=, GNU dd takes bs=.
    ['bs=2 ibs=1k count=2', null],
    // The output keeps the bytes before `seek=` blocks.
    ['bs=1k count=2 seek=1', null],
    ['bs=1k count=2 iflag=count_bytes', null],
  ];
  for (const [operands, size] of sizes) {
    it(`dd zeros with ${operands}`, async () => {
      const analysis = await predict(`FROM shell-only\nRUN dd if=/dev/zero of=/out ${operands}\n`);
      assert.deepEqual(changesAt(analysis, 2), ['/out added file']);
      assert.equal(sizeOf(analysis, '/out'), size);
    });
  }

  it('dd urandom to standard output', async () => {
    const analysis = await predict('FROM shell-only\nRUN dd if=/dev/urandom bs=512 count=4 > /random\n');
    assert.equal(sizeOf(analysis, '/random'), 2048);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/random exact']);
  });

  it('dd large urandom block estimated', async () => {
    // A read of /dev/urandom may return less than 64 MiB.
    const analysis = await predict('FROM shell-only\nRUN dd if=/dev/urandom of=/random bs=64M count=1\n');
    assert.equal(sizeOf(analysis, '/random'), 64 * 1024 * 1024);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/random estimated']);
  });

  it('dd random block size unknown', async () => {
    // One read of /dev/random may return only 512 bytes.
    const analysis = await predict('FROM shell-only\nRUN dd if=/dev/random of=/random bs=1k count=1\n');
    assert.deepEqual(changesAt(analysis, 2), ['/random added file']);
    assert.equal(sizeOf(analysis, '/random'), null);
  });

  it('dd notes call output binary data', async () => {
    const analysis = await predict('FROM shell-only\nRUN dd if=/dev/random of=/random bs=1k count=1\nRUN dd if=/dev/urandom of=/big bs=64M count=1\n');
    assert.deepEqual(stepAt(analysis, 2).notes, ['The archive or other binary data that this RUN writes to /random has a size that the prediction does not compute, so its size is unknown.']);
    assert.deepEqual(stepAt(analysis, 3).notes, ['The binary data that this RUN writes to /big comes from files or devices whose output the prediction does not know exactly, so its size is an estimate.']);
  });

  it('dd copy of image file', async () => {
    const analysis = await predict('FROM shell-only\nRUN dd if=/bin/sh of=/copy\n');
    assert.deepEqual(changesAt(analysis, 2), ['/copy added file']);
    assert.equal(sizeOf(analysis, '/copy'), 1024);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/copy exact']);
  });

  // Sizes that BusyBox 1.35 dd and GNU dd 9.1 both wrote when copying a 6-byte and a 5000-byte file.
  const fileSizes: Array<[string, number | null, number | null]> = [
    ['', 6, 5000],
    ['bs=4', 6, 5000],
    ['bs=4 count=1', 4, 4],
    ['bs=4 count=2', 6, 8],
    ['bs=4 skip=1', 2, 4996],
    // Past the end of the file, both write nothing and exit 0.
    ['bs=4 skip=5', 0, 4980],
    ['skip=1', 0, 4488],
    ['count=0', 0, 0],
    ['ibs=4 obs=3 count=1 skip=1', 2, 4],
    ['bs=1k count=2 skip=1', 0, 2048],
    ['bs=1000 skip=2 count=2', 0, 2000],
    ['iflag=fullblock bs=4 count=1', 4, 4],
    ['bs=2 count=1k', 6, 2048],
    ['bs=4 seek=1', null, null],
    ['bs=4 conv=notrunc', null, null],
    ['iflag=skip_bytes skip=2', null, null],
  ];
  const inputs = { 'six.txt': 'hello\n', 'big.bin': 'x'.repeat(5000) };
  for (const [operands, small, large] of fileSizes) {
    it(`dd file copy with ${operands || 'no operands'}`, async () => {
      const analysis = await predict(`FROM shell-only\nCOPY six.txt big.bin /src/\nRUN dd if=/src/six.txt of=/out ${operands}\nRUN dd if=/src/big.bin of=/big ${operands}\n`, inputs);
      assert.equal(layerSize(analysis, 3, '/out'), small);
      assert.equal(layerSize(analysis, 4, '/big'), large);
      assert.deepEqual(certaintiesAt(analysis, 3), [`/out ${small === null ? 'estimated' : 'exact'}`]);
    });
  }

  it('dd copy onto unread base image', async () => {
    const analysis = await predict('FROM busybox-local:2\nCOPY in.txt /src/in.txt\nRUN dd if=/src/in.txt of=/srv/copy.txt\n', { 'in.txt': 'hello\n' });
    assert.equal(layerSize(analysis, 3, '/srv/copy.txt'), 6);
    // Only whether the unread base image already has /srv/copy.txt is in doubt.
    assert.equal(stepAt(analysis, 3).notes.length, 1);
    assert.match(stepAt(analysis, 3).notes[0], /cannot see whether \/srv\/copy\.txt already exists/);
  });

  it('dd through a symlinked input', async () => {
    const analysis = await predict('FROM shell-only\nCOPY six.txt /src/\nRUN ln -s six.txt /src/link && dd if=/src/link bs=4 count=1 > /out\n', inputs);
    assert.equal(layerSize(analysis, 3, '/out'), 4);
    assert.deepEqual(certaintiesAt(analysis, 3), ['/out exact', '/src/link exact']);
  });

  it('dd with same input and output', async () => {
    // dd truncates its output before reading, so both implementations leave the file empty.
    const analysis = await predict('FROM shell-only\nCOPY six.txt /src/\nRUN dd if=/src/six.txt of=/src/six.txt\n', inputs);
    assert.equal(layerSize(analysis, 3, '/src/six.txt'), 0);
  });

  it('dd copy of estimated input', async () => {
    // The input's size is a guess, so the copy's is too.
    const analysis = await predict('FROM shell-only\nARG NAME\nRUN echo "$NAME" > /in && dd if=/in of=/out\n');
    assert.equal(layerSize(analysis, 3, '/out'), layerSize(analysis, 3, '/in'));
    assert.deepEqual(certaintiesAt(analysis, 3), ['/in estimated', '/out estimated']);
  });

  it('dd to null device', async () => {
    const analysis = await predict('FROM shell-only\nRUN dd if=/dev/zero of=/dev/null count=1\n');
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
  });

  it('dd missing output folder on BusyBox', async () => {
    const analysis = await predict('FROM busybox-tools\nRUN dd if=/dev/zero of=/nodir/f count=1\n', {}, { images });
    assert.equal(stepAt(analysis, 2).failed, true);
    assert.equal(errorOf(analysis), "dd: can't open '/nodir/f': No such file or directory");
  });

  it('dd missing input on GNU', async () => {
    const analysis = await predict('FROM gnu-tools\nRUN dd if=/nope of=/f count=1\n', {}, { images });
    assert.equal(stepAt(analysis, 2).failed, true);
    assert.equal(errorOf(analysis), "dd: failed to open '/nope': No such file or directory");
  });
});

describe('RUN tar', () => {
  after(removeContexts);

  it('tar archive deleted in next step', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /tmp && tar -czf /tmp/bundle.tar.gz /bin/sh\nRUN rm /tmp/bundle.tar.gz\n');
    assert.deepEqual(changesAt(analysis, 2), ['/tmp added directory', '/tmp/bundle.tar.gz added file']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/tmp exact', '/tmp/bundle.tar.gz estimated']);
    assert.equal(layerSize(analysis, 2, '/tmp/bundle.tar.gz'), null);
    assert.deepEqual(stepAt(analysis, 2).notes, ['The archive or other binary data that this RUN writes to /tmp/bundle.tar.gz has a size that the prediction does not compute, so its size is unknown.']);
    assert.deepEqual(stepAt(analysis, 3).notes, []);
    assert.match(analysis.problems.find((problem) => problem.line === 3)?.message ?? '', /deletes .*\/tmp\/bundle\.tar\.gz, written by line 2 \(RUN\)/);
  });

  // Each form creates /w/out.tgz with both BusyBox tar and GNU tar. With `-C`, the archive's path is still relative to /w.
  const creating = [
    '-czf out.tgz /bin/sh', 'czf out.tgz /bin/sh', 'cfz out.tgz /bin/sh', 'zcvf out.tgz /bin/sh', 'fc out.tgz /bin/sh',
    '-c -f out.tgz /bin/sh', '-cf out.tgz /bin/sh', '-cfout.tgz /bin/sh', '-f out.tgz -c /bin/sh', '-c -zf out.tgz /bin/sh',
    '--create --file=out.tgz /bin/sh', '--create --file out.tgz /bin/sh', '--create -f out.tgz /bin/sh',
    '-c --file=out.tgz /bin/sh', '--create --gzip --file=out.tgz /bin/sh', 'c -f out.tgz /bin/sh',
    '-C /bin -cf out.tgz sh', '-cf out.tgz -C /bin sh',
  ];
  for (const form of creating) {
    it(`tar create form ${form}`, async () => {
      const analysis = await predict(`FROM shell-only\nWORKDIR /w\nRUN tar ${form}\n`);
      assert.deepEqual(changesAt(analysis, 3), ['/w/out.tgz added file']);
      assert.equal(sizeOf(analysis, '/w/out.tgz'), null);
    });
  }

  it('tar mode letter taken as archive', async () => {
    // `-fc` names the archive "c" and sets no mode, so tar fails; the model does not follow it.
    const analysis = await predict('FROM shell-only\nWORKDIR /w\nRUN tar -fc out.tgz /bin/sh\n');
    assert.deepEqual(changesAt(analysis, 3), []);
    assert.equal(stepAt(analysis, 3).certainty, 'unknown');
    assert.match(stepAt(analysis, 3).notes[0], /"tar" is modelled only when it creates an archive \(-c\) and its options are known/);
  });

  it('tar to standard output', async () => {
    const analysis = await predict('FROM shell-only\nRUN tar -cz /bin/sh > /out.tgz && tar cf - /bin/sh > /out.tar\n');
    assert.deepEqual(changesAt(analysis, 2), ['/out.tar added file', '/out.tgz added file']);
    assert.equal(sizeOf(analysis, '/out.tgz'), null);
    assert.equal(sizeOf(analysis, '/out.tar'), null);
    assert.equal(stepAt(analysis, 2).certainty, 'estimated');
    assert.deepEqual(stepAt(analysis, 2).notes, ['The archives or other binary data that this RUN writes to /out.tar and /out.tgz have sizes that the prediction does not compute, so their sizes are unknown.']);
  });

  it('tar extract not modelled', async () => {
    const analysis = await predict('FROM shell-only\nRUN tar -xzf /x.tgz\n');
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
    assert.match(stepAt(analysis, 2).notes[0], /"tar" is modelled only when it creates an archive \(-c\) and its options are known/);
  });

  it('tar archive path from ARG', async () => {
    const analysis = await predict('FROM shell-only\nARG OUT\nRUN tar -cf "$OUT" /bin/sh\n');
    assert.deepEqual(changesAt(analysis, 3), []);
    assert.equal(stepAt(analysis, 3).certainty, 'unknown');
    assert.match(stepAt(analysis, 3).notes[0], /^tar: the path ".*" depends on values this prediction cannot know/);
  });

  it('tar missing input on GNU', async () => {
    const analysis = await predict('FROM gnu-tools\nRUN tar -cf /b.tar /missing\n', {}, { images });
    assert.equal(stepAt(analysis, 2).failed, true);
    assert.equal(errorOf(analysis), 'tar: /missing: Cannot stat: No such file or directory');
  });

  it('tar missing output folder on BusyBox', async () => {
    const analysis = await predict('FROM busybox-tools\nRUN tar -cf /nodir/b.tar /bin\n', {}, { images });
    assert.equal(stepAt(analysis, 2).failed, true);
    assert.equal(errorOf(analysis), "tar: can't open '/nodir/b.tar': No such file or directory");
  });

  it('tar missing output folder on GNU', async () => {
    const analysis = await predict('FROM gnu-tools\nRUN tar -cf /nodir/b.tar /bin\n', {}, { images });
    assert.equal(errorOf(analysis), 'tar: /nodir/b.tar: Cannot open: No such file or directory');
  });
});
