/** RUN package managers, downloads, accounts and the waste hints across layers. */
import * as assert from 'node:assert/strict';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt } from '../helpers';

describe('RUN package managers and downloads', () => {
  after(removeContexts);

  it('FROM debian\\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', async () => {
    const analysis = await predict('FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
    // The emptied lists folder stays in the layer: overlayfs copies it up to hold the whiteouts.
    assert.deepEqual(certaintiesAt(analysis, 2), ['/etc unknown', '/usr unknown', '/var/cache/apt unknown', '/var/lib/apt estimated', '/var/lib/apt/lists unknown', '/var/lib/dpkg unknown', '/var/log unknown']);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
    assert.deepEqual(stepAt(analysis, 2).notes.slice(0, 2), [
      'apt-get update writes files that cannot be known before the build, under /var/lib/apt/lists.',
      'apt-get install writes files that cannot be known before the build, under /etc, /usr, /var/lib/dpkg, /var/log.',
    ]);
  });

  it('FROM debian\\nRUN apt-get update\\nRUN rm -rf /var/lib/apt/lists/*', async () => {
    const analysis = await predict('FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n');
    assert.deepEqual(changesAt(analysis, 2), ['/var/lib/apt added directory', '/var/lib/apt/lists added directory']);
    assert.deepEqual(certaintiesAt(analysis, 3), ['/var/lib/apt/lists unknown']);
    const hints = analysis.problems.filter((problem) => problem.line === 3);
    assert.equal(hints.length, 1);
    assert.equal(hints[0].severity, 'warning');
    assert.equal(hints[0].message, 'This RUN deletes the cache /var/lib/apt/lists, written by line 2 (RUN). The image still holds those bytes (an unknown size) in that earlier layer; delete them in the same step that creates them (merge the two RUNs, or move the cleanup there).');
  });

  it('FROM alpine\\nRUN apk add --no-cache curl', async () => {
    const analysis = await predict('FROM alpine\nRUN apk add --no-cache curl\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/etc unknown', '/lib unknown', '/usr unknown', '/var unknown']);
    assert.ok(!stepAt(analysis, 2).notes.some((note) => note.includes('/var/cache/apk')));
  });

  it('FROM python\\nRUN pip install flask', async () => {
    const analysis = await predict('FROM python\nRUN pip install flask\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/root/.cache estimated', '/root/.cache/pip unknown', '/usr/local/bin unknown', '/usr/local/lib unknown']);
    assert.ok(stepAt(analysis, 2).notes.some((note) => note.includes('pass --no-cache-dir')));
    // Both folders pip writes into are standard ones of a base image, so both are modified.
    const changes = changesAt(analysis, 2);
    assert.ok(changes.includes('/usr/local/bin modified directory'), changes.join('\n'));
    assert.ok(changes.includes('/usr/local/lib modified directory'), changes.join('\n'));
  });

  it('FROM node\\nWORKDIR /app\\nRUN npm ci && npm cache clean --force', async () => {
    const analysis = await predict('FROM node\nWORKDIR /app\nRUN npm ci && npm cache clean --force\n');
    assert.deepEqual(certaintiesAt(analysis, 3), ['/app/node_modules unknown']);
    assert.ok(!stepAt(analysis, 3).notes.some((note) => note.includes('leaves its cache')));
  });

  describe('cache notes', () => {
    it('npm ci keeps its cache', async () => {
      const analysis = await predict('FROM node\nWORKDIR /app\nRUN npm ci\n');
      assert.ok(stepAt(analysis, 3).notes.some((note) => note.startsWith('npm leaves its cache in /root/.npm')));
    });

    it('rm -rf of the cache', async () => {
      const analysis = await predict('FROM node\nWORKDIR /app\nRUN npm ci && rm -rf /root/.npm\n');
      assert.ok(!stepAt(analysis, 3).notes.some((note) => note.includes('leaves its cache')));
    });

    it('rm in a folder the RUN filled', async () => {
      const analysis = await predict('FROM node\nWORKDIR /app\nRUN npm ci && rm -rf node_modules/.cache\n');
      const notes = stepAt(analysis, 3).notes;
      assert.ok(notes.includes('rm: /app/node_modules/.cache is in /app/node_modules, where an earlier command of this RUN wrote files it does not list; if it is there, this RUN deletes it.'));
      assert.ok(!notes.some((note) => note.includes('not among the predicted files')));
    });

    it('rm of a cache an earlier RUN wrote', async () => {
      const analysis = await predict('FROM python\nRUN pip install flask\nRUN rm -rf /root/.cache/pip\n');
      assert.ok(!stepAt(analysis, 3).notes.some((note) => note.includes('not among the predicted files')));
    });

    it('npm cache clean in a later RUN is waste', async () => {
      const analysis = await predict('FROM node\nWORKDIR /app\nRUN npm ci\nRUN npm cache clean --force\n');
      assert.deepEqual(analysis.stack.layers[stepAt(analysis, 4).index].summary.deleted, { count: 0, bytes: 0, unknownSizes: 1 });
      assert.ok(analysis.problems.some((problem) => problem.line === 4 && problem.message.startsWith('This RUN deletes the cache /root/.npm, written by line 3 (RUN).')));
    });

    it('pip cache purge in a later RUN is waste', async () => {
      const analysis = await predict('FROM python\nRUN pip install flask\nRUN pip cache purge\n');
      assert.ok(analysis.problems.some((problem) => problem.line === 3 && problem.message.startsWith('This RUN deletes the cache /root/.cache/pip, written by line 2 (RUN).')));
    });

    it('apt-get clean', async () => {
      const analysis = await predict('FROM debian\nRUN apt-get update && apt-get install -y curl && apt-get clean\n');
      assert.ok(!certaintiesAt(analysis, 2).some((line) => line.startsWith('/var/cache/apt')));
      assert.ok(!stepAt(analysis, 2).notes.some((note) => note.includes('leaves its cache')));
    });
  });

  describe('caches in the home folder of a USER', () => {
    it('are at no guessed path when the home folder is unknown', async () => {
      const analysis = await predict('FROM node\nUSER node\nWORKDIR /home/node/app\nRUN npm install left-pad\n');
      assert.deepEqual(certaintiesAt(analysis, 4), ['/home/node/app/node_modules unknown']);
      assert.ok(stepAt(analysis, 4).notes.some((note) => note.includes("home folder of the RUN's user, which this prediction does not know")));
    });

    it('go to the home folder that the predicted /etc/passwd gives', async () => {
      const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/srv/app:/bin/sh\n';
      const analysis = await predict('FROM alpine\nCOPY passwd /etc/passwd\nUSER app\nRUN pip install --user flask\n', { passwd });
      assert.deepEqual(certaintiesAt(analysis, 4), ['/srv/app estimated', '/srv/app/.cache estimated', '/srv/app/.cache/pip unknown', '/srv/app/.local unknown']);
    });

    it('leave cd without a folder unknown', async () => {
      const analysis = await predict('FROM node\nUSER node\nRUN cd && touch here\n');
      assert.ok(stepAt(analysis, 3).notes.some((note) => note.startsWith('cd without a folder goes to the home folder')));
      assert.equal(analysis.stack.lookup('/root/here'), undefined);
    });
  });

  it('FROM busybox\\nRUN curl -fsSL -o /tmp/tool.tgz https://downloads.invalid/tool.tgz', async () => {
    const analysis = await predict('FROM busybox\nRUN curl -fsSL -o /tmp/tool.tgz https://downloads.invalid/tool.tgz\n');
    assert.deepEqual(changesAt(analysis, 2), ['/tmp/tool.tgz added file']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/tmp/tool.tgz unknown']);
    assert.equal(analysis.stack.lookup('/tmp/tool.tgz')?.entry.size, null);
  });

  it('FROM busybox\\nWORKDIR /opt\\nRUN wget https://downloads.invalid/a/b.zip', async () => {
    const analysis = await predict('FROM busybox\nWORKDIR /opt\nRUN wget https://downloads.invalid/a/b.zip\n');
    assert.deepEqual(changesAt(analysis, 3), ['/opt/b.zip added file']);
  });

  it('FROM golang\\nRUN go build -o /out/api ./cmd/api', async () => {
    const analysis = await predict('FROM golang\nRUN go build -o /out/api ./cmd/api\n');
    assert.deepEqual(changesAt(analysis, 2).filter((change) => change.startsWith('/out')), ['/out added directory', '/out/api added file']);
    assert.equal(analysis.stack.lookup('/out/api')?.entry.size, null);
    assert.equal(analysis.stack.lookup('/out/api')?.entry.mode, 0o755);
    assert.deepEqual(certaintiesAt(analysis, 2).filter((line) => line.startsWith('/out/api')), ['/out/api unknown']);
  });

  it('FROM alpine\\nRUN go build -o /out/app .', async () => {
    const analysis = await predict('FROM alpine\nRUN go build -o /out/app .\n');
    const out = analysis.stack.lookup('/out');
    assert.equal(out?.layer, stepAt(analysis, 2).index);
    assert.equal(out?.entry.origin?.kind, undefined);
    assert.equal(out?.entry.certainty, 'estimated');
    assert.ok(analysis.stack.lookup('/root/go/pkg/mod'));
  });

  it('FROM shell-only\\nRUN go build -o /out/bin/app .', async () => {
    const analysis = await predict('FROM shell-only\nRUN go build -o /out/bin/app .\n');
    assert.deepEqual(changesAt(analysis, 2, 'owner').filter((change) => change.startsWith('/out')), [
      '/out added directory 0755 0:0', '/out/bin added directory 0755 0:0', '/out/bin/app added file 0755 0:0',
    ]);
    assert.deepEqual(certaintiesAt(analysis, 2).filter((line) => line.startsWith('/out/bin ')), ['/out/bin exact']);
  });

  it('FROM shell-only\\nRUN go build -o /out/ ./...', async () => {
    const analysis = await predict('FROM shell-only\nRUN go build -o /out/ ./...\n');
    assert.deepEqual(changesAt(analysis, 2).filter((change) => change.startsWith('/out')), ['/out added directory']);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });

  it('FROM shell-only\\nCOPY a /out\\nRUN go build -o /out/app .', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /out\nRUN go build -o /out/app .\n', { a: 'x' });
    assert.equal(analysis.problems[0]?.message, 'This RUN ends with a non-zero exit status because "go build -o /out/app ." fails, so the build fails on this line.');
  });

  it('FROM golang:1.22\\nRUN go mod download', async () => {
    const analysis = await predict('FROM golang:1.22\nRUN go mod download\n');
    assert.ok(analysis.stack.lookup('/go/pkg/mod'));
    assert.equal(analysis.stack.lookup('/root/go/pkg/mod'), undefined);
  });

  it('FROM docker.io/library/golang AS build\\nFROM build\\nRUN echo $GOPATH > /p', async () => {
    const analysis = await predict('FROM docker.io/library/golang AS build\nFROM build\nRUN echo $GOPATH > /p\n');
    assert.equal(analysis.stack.lookup('/p')?.entry.size, '/go\n'.length);
  });

  it('FROM golang\\nENV GOPATH=/cache/go\\nRUN go mod download', async () => {
    const analysis = await predict('FROM golang\nENV GOPATH=/cache/go\nRUN go mod download\n');
    assert.ok(analysis.stack.lookup('/cache/go/pkg/mod'));
    assert.equal(analysis.stack.lookup('/go/pkg/mod'), undefined);
  });

  it('FROM golang\\nRUN mkdir /out && go build -o /out ./...', async () => {
    const analysis = await predict('FROM golang\nRUN mkdir /out && go build -o /out ./...\n');
    assert.equal(analysis.stack.lookup('/out')?.entry.type, 'directory');
    assert.ok(stepAt(analysis, 2).notes.some((note) => note.startsWith('go build writes files that cannot be known before the build, under /out')));
  });

  it('FROM busybox\\nRUN useradd -m app', async () => {
    const analysis = await predict('FROM busybox\nRUN useradd -m app\n');
    assert.deepEqual(changesAt(analysis, 2), [
      '/etc/group added file', '/etc/gshadow added file', '/etc/passwd added file', '/etc/shadow added file', '/home/app added directory',
    ]);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });

  it('FROM alpine\\nRUN adduser -D app', async () => {
    const analysis = await predict('FROM alpine\nRUN adduser -D app\n');
    assert.ok(changesAt(analysis, 2).includes('/home/app added directory'));
  });

  it('FROM alpine\\nRUN adduser -D -u 1001 app', async () => {
    const analysis = await predict('FROM alpine\nRUN adduser -D -u 1001 app\n');
    assert.equal(analysis.stack.lookup('/home/app')?.entry.uid, 1001);
  });
});
