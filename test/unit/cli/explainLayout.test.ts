import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli } from './capture';

/** Returns the text output of `layer-lens explain` for a Dockerfile and its context files. */
async function explainText(dockerfile: string, files: Record<string, string> = {}, options: string[] = []): Promise<string> {
  const root = makeContext({ Dockerfile: dockerfile, ...files });
  const result = await captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** Returns the lines of the merged tree, between its heading and the next blank line. */
function mergedTree(text: string): string[] {
  const start = text.indexOf('\nMerged filesystem');
  const lines = text.slice(start + 1).split('\n');
  return lines.slice(1, lines.indexOf(''));
}

describe('explain text layout', () => {
  after(removeContexts);

  it('scratch base is named empty', async () => {
    const text = await explainText('FROM scratch\nCOPY a.txt /a.txt\n', { 'a.txt': 'a\n' });
    assert.match(text, /\nMerged filesystem \(1 path from the Dockerfile's own steps; the base is scratch, which is empty\):\n/);
  });

  it('hard and symbolic links', async () => {
    const dockerfile = 'FROM alpine:3.20\nCOPY a.txt /app/a.txt\nRUN ln /app/a.txt /app/b.txt && ln -s a.txt /app/c.txt\n';
    const tree = mergedTree(await explainText(dockerfile, { 'a.txt': 'a\n' }));
    // A hard link is another name of the file, not a pointer, so it gets words rather than `->`.
    assert.ok(tree.includes('    b.txt  hard link to /app/a.txt, from #2'), tree.join('\n'));
    assert.ok(tree.includes('    c.txt -> a.txt  from #2'), tree.join('\n'));
  });

  it('folders a RUN fills, with their parents', async () => {
    const text = await explainText('FROM alpine:3.20\nRUN go build -o /out/app .\nRUN mkdir -p /root/.npm\n');
    assert.deepEqual(mergedTree(text), [
      '  out/  from #1',
      '    app  unknown size, from #1',
      '  root/  (base image)',
      '    .cache/  from #1',
      '      go-build/  from #1',
      '    .npm/  from #2',
      '    go/  from #1',
      '      pkg/  from #1',
      '        mod/  from #1',
    ]);
  });

  it('base folders that steps change', async () => {
    const text = await explainText('FROM alpine:3.20\nRUN chown -R 1000 /srv\nRUN mkdir /opt/x && chmod 700 /opt /etc\n');
    assert.match(text, /\nMerged filesystem \(4 paths from the Dockerfile's own steps; the base image's are not known\):\n/);
    assert.deepEqual(mergedTree(text), [
      '  etc/  from #2, shadows #0',
      '  opt/  from #2, shadows #0',
      '    x/  from #2',
      '  srv/  from #1, shadows #0',
    ]);
  });

  it('folder a RUN takes to exist', async () => {
    // The RUN lists /etc/ssl in its layer, unchanged, since the unread base image may lack it.
    const text = await explainText('FROM alpine:3.20\nRUN touch /etc/ssl/a.pem\n');
    assert.deepEqual(mergedTree(text), ['  etc/  (base image)', '    ssl/  from #1', '      a.pem  0 B, from #1']);
  });

  it('whiteouts of unlisted paths', async () => {
    const text = await explainText('FROM alpine:3.20\nRUN rm -rf /usr/share/doc /etc/motd\n');
    assert.match(text, /line 2 +RUN rm -rf \/usr\/share\/doc \/etc\/motd\n +deletes 2 paths that earlier layers do not list \(size unknown\); unknown\n/);
  });

  it('listed and unlisted whiteouts', async () => {
    const text = await explainText('FROM alpine:3.20\nCOPY a.txt /d/a.txt\nRUN rm -rf /d /etc/motd\n', { 'a.txt': 'a\n' });
    assert.match(text, /\n +deletes 1 path and 1 path below it \(2 B\), deletes 1 path that earlier layers do not list \(size unknown\);/);
  });

  it('continued line joined by one space', async () => {
    const text = await explainText('FROM scratch\nENV NODE_ENV=production \\\n    PORT=8080\n');
    assert.match(text, /line 2 +ENV NODE_ENV=production PORT=8080\n/);
  });

  it('folder modified without shadowing', async () => {
    const text = await explainText('FROM alpine:3.20\nCOPY a.txt /d/a.txt\nRUN chmod 700 /d\n', { 'a.txt': 'a\n' });
    assert.match(text, /line 3 +RUN chmod 700 \/d\n +modifies 1 \(0 B\); exact\n/);
  });

  it('waste when every size is unknown', async () => {
    const text = await explainText('FROM alpine:3.20\nRUN go build -o /out/app .\n');
    assert.match(text, /\nWasted: none of the bytes written \(of unknown size\) is hidden by a later layer\.\n/);
  });

  it('waste total as a lower bound', async () => {
    const text = await explainText('FROM alpine:3.20\nCOPY a.txt /a.txt\nRUN go build -o /out/app .\n', { 'a.txt': 'a\n' });
    assert.match(text, /\nWasted: none of the bytes written \(at least 2 B\) is hidden by a later layer\.\n/);
  });

  it('waste share as an upper bound', async () => {
    const dockerfile = 'FROM alpine:3.20\nCOPY a.txt /a.txt\nCOPY a.txt /a.txt\nRUN go build -o /out/app .\n';
    const text = await explainText(dockerfile, { 'a.txt': 'a\n' });
    assert.match(text, /\nWasted: 2 B of at least 4 B written \(at most 50\.0%\) is shadowed or deleted by a later layer\.\n/);
  });

  it('tiny waste share as an upper bound', async () => {
    const dockerfile = 'FROM alpine:3.20\nCOPY a.txt /a.txt\nCOPY big.bin /big.bin\nCOPY a.txt /a.txt\nRUN go build -o /out/app .\n';
    const text = await explainText(dockerfile, { 'a.txt': 'a\n', 'big.bin': 'x'.repeat(4000) });
    assert.match(text, /\nWasted: 2 B of at least 4\.0 kB written \(under 0\.1%\) is shadowed or deleted by a later layer\.\n/);
  });

  it('folder emptied of unlisted files', async () => {
    const text = await explainText('FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n');
    assert.match(text, /line 3 +RUN rm -rf \/var\/lib\/apt\/lists\/\*\n +modifies 1 \(size unknown\), empties 1 folder of files that earlier layers do not list \(size unknown\); unknown\n/);
    assert.match(text, /\nWasted: the files of 1 folder that the prediction cannot list, shadowed or deleted by a later layer\.\n/);
  });

  it('nothing written, nothing wasted', async () => {
    const text = await explainText('FROM alpine:3.20\nENV A=1\n');
    assert.match(text, /\nWasted: 0 B\. No later layer hides file content that an earlier layer wrote\.\n/);
  });

  it('waste total of known sizes', async () => {
    const text = await explainText('FROM scratch\nCOPY a.txt /a.txt\n', { 'a.txt': 'a\n' });
    assert.match(text, /\nWasted: none of 2 B written is hidden by a later layer\.\n/);
  });

  it('no waste hint for empty files', async () => {
    const dockerfile = 'FROM alpine:3.20\nRUN mkdir -p /srv/data && touch /srv/a /srv/data/c\nRUN rm -r /srv/a /srv/data\n';
    const text = await explainText(dockerfile, {}, ['--builder', 'classic']);
    assert.match(text, /line 3 +RUN rm -r \/srv\/a \/srv\/data\n +deletes 2 paths and 1 path below them \(0 B\); exact\n/);
    assert.doesNotMatch(text, /This RUN deletes/);
  });

  it('waste hint for a file with bytes', async () => {
    const text = await explainText('FROM alpine:3.20\nCOPY a.txt /srv/a\nRUN rm /srv/a\n', { 'a.txt': 'a\n' });
    assert.match(text, /line 3: info: This RUN deletes \/srv\/a, written by line 2 \(COPY\)\. The image still holds those bytes \(2 B\)/);
  });

  it('empty file in a layer of unknown contents', async () => {
    // rm of a path no layer lists makes the layer's contents unknown, but touch made a file of 0 B.
    const text = await explainText('FROM alpine:3.20\nRUN touch /empty.txt && rm /bin/vi\nRUN mkdir /d && rm /bin/vi\n');
    assert.match(text, /line 2 +RUN touch \/empty\.txt && rm \/bin\/vi\n +adds 1 \(at least 0 B\), /);
    // A folder's 0 B is no bound on what the layer may write into it.
    assert.match(text, /line 3 +RUN mkdir \/d && rm \/bin\/vi\n +adds 1 \(size unknown\), /);
  });
});
