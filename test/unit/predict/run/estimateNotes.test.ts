/** Notes that explain why a RUN's entries are estimated: each test name is the Dockerfile snippet. */
import * as assert from 'node:assert/strict';
import { certaintiesAt, predict, removeContexts, stepAt } from '../helpers';

const unseen = "(the base image is not read, or an earlier step's files are not all known)";
const mayExist = (named: string, single = true) =>
  `The prediction cannot see whether ${named} already ${single ? 'exists' : 'exist'} below this RUN ${unseen}, so it takes ${single ? 'it' : 'them'} to be new. ${single ? 'If it exists, it keeps' : 'Any that exists keeps'} its own owner and mode.`;

describe('notes on estimated RUN entries', () => {
  after(removeContexts);

  it('FROM debian\\nRUN mkdir -p /srv/data && echo hi > /srv/data/x', async () => {
    const analysis = await predict('FROM debian\nRUN mkdir -p /srv/data && echo hi > /srv/data/x\n');
    assert.equal(stepAt(analysis, 2).certainty, 'estimated');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/srv/data estimated', '/srv/data/x exact']);
    assert.deepEqual(stepAt(analysis, 2).notes, [mayExist('/srv/data')]);
  });

  it('FROM debian\\nRUN mkdir /opt/sub2 && touch /opt/sub2/a', async () => {
    const analysis = await predict('FROM debian\nRUN mkdir /opt/sub2 && touch /opt/sub2/a\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/opt/sub2 estimated', '/opt/sub2/a estimated']);
    assert.deepEqual(stepAt(analysis, 2).notes, [
      `mkdir fails if /opt/sub2 already exists below this RUN, which the prediction cannot see ${unseen}, so it takes it to be new and the RUN to succeed.`,
      'Whether this RUN writes /opt/sub2/a depends on the exit status of "mkdir /opt/sub2", which the prediction can only guess.',
    ]);
  });

  it('FROM debian\\nRUN mkdir -p /srv/a /srv/b /srv/c /srv/d', async () => {
    const analysis = await predict('FROM debian\nRUN mkdir -p /srv/a /srv/b /srv/c /srv/d\n');
    assert.deepEqual(stepAt(analysis, 2).notes, [mayExist('/srv/a, /srv/b, /srv/c and 1 more', false)]);
  });

  it('FROM debian\\nRUN chmod 1777 /tmp', async () => {
    const analysis = await predict('FROM debian\nRUN chmod 1777 /tmp\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/tmp estimated']);
    assert.deepEqual(stepAt(analysis, 2).notes, ['This RUN changes /tmp, which is only estimated below it, so the version in this layer is estimated too.']);
  });

  it('FROM debian\\nRUN touch /tmp/x && rm /tmp/x', async () => {
    // Overlay storage keeps the copy-up of /tmp, which has the estimate of the assumed folder.
    const analysis = await predict('FROM debian\nRUN touch /tmp/x && rm /tmp/x\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/tmp estimated']);
    assert.deepEqual(stepAt(analysis, 2).notes, ['This RUN changes /tmp, which is only estimated below it, so the version in this layer is estimated too.']);
  });

  it('FROM debian\\nRUN touch /var/log/app.log && chmod g+w /var/log/app.log', async () => {
    // The chmod changes a file this RUN made, so the note names the doubt of the touch only.
    const analysis = await predict('FROM debian\nRUN touch /var/log/app.log && chmod g+w /var/log/app.log\n');
    assert.deepEqual(stepAt(analysis, 2).notes, [mayExist('/var/log/app.log')]);
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN which python && cp /a /b', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN which python && cp /a /b\n', { a: 'x' });
    assert.deepEqual(certaintiesAt(analysis, 3), ['/b estimated']);
    assert.deepEqual(stepAt(analysis, 3).notes, ['Whether this RUN writes /b depends on the exit status of "which python", which the prediction can only guess.']);
  });

  it('RUN which python && cp /a /b\\nRUN cp /b /c', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN which python && cp /a /b\nRUN cp /b /c\n', { a: 'x' });
    assert.deepEqual(certaintiesAt(analysis, 4), ['/c estimated']);
    assert.deepEqual(stepAt(analysis, 4).notes, ['This RUN copies or moves /c from a path whose version is only estimated, so it is estimated too.']);
  });

  it('FROM shell-only\\nRUN sed s/a/b/ /bin/sh > /out', async () => {
    const analysis = await predict('FROM shell-only\nRUN sed s/a/b/ /bin/sh > /out\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/out estimated']);
    assert.deepEqual(stepAt(analysis, 2).notes, [
      'The text this RUN writes to /out comes from commands, files or values that the prediction does not know exactly, so its content and size are estimates.',
    ]);
  });

  it('RUN sed -i s/x/y/ /a\\nRUN echo z >> /a', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN sed -i s/x/y/ /a\nRUN echo z >> /a\n', { a: 'x' });
    assert.deepEqual(certaintiesAt(analysis, 4), ['/a estimated']);
    assert.deepEqual(stepAt(analysis, 4).notes, ['This RUN appends to /a, whose size before it is unknown, so the new size is unknown too.']);
  });

  it('COPY --from=busybox /bin/busybox /bb\\nRUN chmod u+x /bb', async () => {
    const analysis = await predict('FROM shell-only\nCOPY --from=busybox /bin/busybox /bb\nRUN chmod u+x /bb\n');
    assert.deepEqual(certaintiesAt(analysis, 3), ['/bb estimated']);
    assert.deepEqual(stepAt(analysis, 3).notes, [
      'The mode that chmod gives /bb is unknown, because the mode before this RUN is unknown or the mode argument is not one the prediction reads.',
    ]);
  });

  it('FROM debian\\nCOPY a.pem b.pem /tmp/\\nRUN chmod 600 /tmp/*.pem', async () => {
    // /tmp of the unread base image may hold more .pem files than the COPY put there, and chmod
    // copies them up too, so the layer stores files it cannot list.
    const analysis = await predict('FROM debian\nCOPY a.pem b.pem /tmp/\nRUN chmod 600 /tmp/*.pem\n', { 'a.pem': 'a', 'b.pem': 'b' });
    assert.deepEqual(certaintiesAt(analysis, 3), ['/tmp estimated', '/tmp/a.pem estimated', '/tmp/b.pem estimated']);
    assert.equal(stepAt(analysis, 3).certainty, 'unknown');
    assert.deepEqual(stepAt(analysis, 3).notes, [
      'chmod: /tmp may hold files this prediction cannot list. The matches of "/tmp/*.pem" among them are changed too, and the layer stores them again (an unknown size).',
    ]);
  });

  it('FROM debian\\nUSER 1000\\nRUN touch /tmp/x', async () => {
    const analysis = await predict('FROM debian\nUSER 1000\nRUN touch /tmp/x\n');
    assert.deepEqual(certaintiesAt(analysis, 3), ['/tmp/x estimated']);
    assert.deepEqual(stepAt(analysis, 3).notes, [
      "USER 1000 names no group, so the runtime gives the files this RUN makes the group of the user's /etc/passwd line, or 0 without a line. That group is unknown because the image's /etc/passwd is not read.",
      mayExist('/tmp/x'),
      'The prediction cannot tell whether the USER may write /tmp/x (the owner or mode there is not known, or only a group could allow it), so it takes the write to succeed.',
    ]);
  });

  it('FROM shell-only\\nRUN which python && touch /a; rm /a; touch /a', async () => {
    // The last write settles the path, so the guess behind the first touch needs no note.
    const analysis = await predict('FROM shell-only\nRUN which python && touch /a; rm /a; touch /a\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/a exact']);
    assert.deepEqual(stepAt(analysis, 2).notes, []);
  });
});

/** Typical Dockerfiles: every estimated step of their predictions must have a note that explains it. */
const typical: Record<string, string> = {
  'apt-get and pip': [
    'FROM python:3.12-slim',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'RUN mkdir -p /app/data /var/log/app && chown -R 1000:1000 /app/data',
    'RUN ln -s /app/run.sh /usr/local/bin/run && chmod 755 /app',
  ].join('\n'),
  npm: [
    'FROM node:20',
    'WORKDIR /srv/www',
    'COPY package.json .',
    'RUN npm install && npm cache clean --force',
    'RUN mkdir /srv/www/public && echo ok > /srv/www/public/health',
    'RUN cp package.json /tmp/p.json && mv /tmp/p.json /opt/p.json && rm -f /tmp/none',
  ].join('\n'),
  'files on an unread base': [
    'FROM debian:12',
    'RUN mkdir -p /etc/app && echo "a=1" > /etc/app/app.conf && chmod 600 /etc/app/app.conf',
    'RUN echo x >> /etc/app/app.conf && chown root:root /etc/app/app.conf',
    'RUN touch /var/log/app.log && chmod g+w /var/log/app.log && ln -sf /var/log/app.log /tmp/log',
    'RUN chmod 1777 /tmp && rm -rf /tmp/* && mkdir /data',
    'RUN test -d /opt/x || mkdir -p /opt/x/y && cp /etc/app/app.conf /opt/x/y/',
  ].join('\n'),
  alpine: [
    'FROM alpine:3.20',
    'RUN apk add --no-cache bash && mkdir -p /home/app && chown 1000:1000 /home/app',
    'USER 1000',
    'RUN echo hi > /home/app/hello && mkdir /home/app/cache',
  ].join('\n'),
};

describe('estimated steps of typical Dockerfiles', () => {
  after(removeContexts);

  for (const [name, dockerfile] of Object.entries(typical)) {
    it(`${name}: each estimated step has a note`, async () => {
      const analysis = await predict(`${dockerfile}\n`, { 'requirements.txt': 'flask\n', 'package.json': '{}\n' });
      for (const step of analysis.steps.filter((candidate) => candidate.certainty === 'estimated')) {
        assert.notDeepEqual(step.notes, [], `line ${step.line} is estimated without a note`);
      }
    });

    it(`${name}: each estimated RUN entry is named in a note`, async () => {
      const analysis = await predict(`${dockerfile}\n`, { 'requirements.txt': 'flask\n', 'package.json': '{}\n' });
      for (const step of analysis.steps.filter((candidate) => candidate.instruction === 'RUN' && candidate.certainty === 'estimated')) {
        const text = step.notes.join('\n');
        for (const { entry } of analysis.stack.layers[step.index].entries) {
          if (entry.certainty !== 'estimated') continue;
          assert.match(text, new RegExp(`${entry.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`), `line ${step.line}: ${entry.path} is estimated, but no note names it`);
        }
      }
    });
  }
});
