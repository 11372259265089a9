/** `$PWD`, `$0` and `$-` in a RUN's script: each test name is the case. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { predict, removeContexts } from '../helpers';

/** Returns the text that the prediction has for the file at `path`, with its certainty. */
function written(analysis: Analysis, path: string): string {
  const entry = analysis.stack.lookup(path)?.entry;
  assert.ok(entry?.op === 'write', `no file at ${path}`);
  const origin = entry.origin;
  return `${origin?.kind === 'run-text' ? JSON.stringify(origin.text) : '?'} ${entry.certainty}`;
}

describe('RUN parameters that the shell sets', () => {
  after(removeContexts);

  const pwdCases: Array<[string, string, string]> = [
    ['WORKDIR /w', 'RUN echo "$PWD" > /f', '"/w\\n" exact'],
    ['WORKDIR /w/sub', 'RUN echo $PWD > /f', '"/w/sub\\n" exact'],
    ['ENV A=1', 'RUN echo "$PWD" > /f', '"/\\n" exact'],
    ['WORKDIR /w', 'RUN mkdir /tmp && cd /tmp && echo "$PWD" > /f', '"/tmp\\n" exact'],
    ['WORKDIR /w', 'RUN mkdir sub && cd sub && echo "$PWD" > /f', '"/w/sub\\n" exact'],
    ['WORKDIR /w', 'RUN cd /missing; echo "$PWD" > /f', '"/w\\n" exact'],
    ['WORKDIR /w', 'RUN (cd / && echo "$PWD" > /g); echo "$PWD" > /f', '"/w\\n" exact'],
    ['WORKDIR /w', 'RUN PWD=/x; echo "$PWD" > /f', '"/x\\n" exact'],
    ['ENV PWD=/other', 'RUN echo "$PWD" > /f', '"/\\n" exact'],
  ];
  for (const [setup, run, expected] of pwdCases) {
    it(`${setup}, ${run}`, async () => {
      const analysis = await predict(`FROM shell-only\n${setup}\n${run}\n`);
      assert.equal(written(analysis, '/f'), expected);
    });
  }

  it('$PWD in a WORKDIR reached through a symlink', async () => {
    // The shell starts with the path that `pwd -P` prints; a later cd keeps the link.
    const text = 'FROM shell-only\nRUN mkdir /data && ln -s /data /link\nWORKDIR /link\nRUN echo "$PWD" > /f && cd /link && echo "$PWD" > /g\n';
    const analysis = await predict(text);
    assert.equal(written(analysis, '/f'), '"/data\\n" exact');
    assert.equal(written(analysis, '/g'), '"/link\\n" exact');
  });

  it('$PWD after a relative cd under a symlinked WORKDIR', async () => {
    // The shell starts in the path without symlinks, so `cd x` goes on from /data, not /link.
    const text = 'FROM shell-only\nRUN mkdir -p /data/x && ln -s /data /link\nWORKDIR /link\nRUN cd x && echo "$PWD" > /f\n';
    const analysis = await predict(text);
    assert.equal(written(analysis, '/f'), '"/data/x\\n" exact');
  });

  it('$PWD from an ENV that names the WORKDIR through a symlink', async () => {
    const text = 'FROM shell-only\nRUN mkdir /data && ln -s /data /link\nWORKDIR /data\nENV PWD=/link\nRUN echo "$PWD" > /f\n';
    const analysis = await predict(text);
    assert.equal(written(analysis, '/f'), '"/link\\n" exact');
  });

  it('$PWD after cd to an unknown folder', async () => {
    const analysis = await predict('FROM shell-only\nRUN cd "$(cat /etc/dir)"; echo "$PWD" > /f\n');
    assert.match(written(analysis, '/f'), / estimated$/);
  });

  it('$PWD over an unread base image', async () => {
    // /srv of an unread image may be a symlink, so the path the shell starts with is not certain.
    const analysis = await predict('FROM alpine:3.20\nWORKDIR /srv/app\nRUN echo "$PWD" > /f\n');
    assert.equal(written(analysis, '/f'), '"/srv/app\\n" estimated');
  });

  const zeroCases: Array<[string, string]> = [
    ['RUN echo "$0" > /f', '"/bin/sh\\n" exact'],
    ['RUN ["/bin/sh", "-c", "echo $0 > /f"]', '"/bin/sh\\n" exact'],
    ['RUN ["/bin/sh", "-c", "echo $0 > /f", "named"]', '"named\\n" exact'],
    ["RUN sh -c 'echo $0 > /f'", '"sh\\n" exact'],
    ["RUN sh -c 'echo $0 > /f' inner; echo $0 > /g", '"inner\\n" exact'],
  ];
  for (const [run, expected] of zeroCases) {
    it(run, async () => {
      const analysis = await predict(`FROM shell-only\n${run}\n`);
      assert.equal(written(analysis, '/f'), expected);
    });
  }

  it('$0 after the inner shell ends', async () => {
    const analysis = await predict("FROM shell-only\nRUN sh -c 'echo $0 > /f' inner; echo $0 > /g\n");
    assert.equal(written(analysis, '/g'), '"/bin/sh\\n" exact');
  });

  it('$0 under SHELL ["/bin/bash", "-o", "pipefail", "-c"]', async () => {
    const text = 'FROM shell-only\nRUN cp /bin/sh /bin/bash\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo "$0" > /f\n';
    const analysis = await predict(text);
    assert.equal(written(analysis, '/f'), '"/bin/bash\\n" exact');
  });

  // Under `sh -ec`, dash 0.5.12 printed `e`, bash 5.2.15 `ehBc` and BusyBox 1.35 ash `ce`, and
  // with `-c` alone an empty line, `hBc` and `c`, so the text is not known.
  const optionCases = [
    'RUN echo "$-" > /f',
    'SHELL ["/bin/sh", "-ec"]\nRUN echo "$-" > /f',
    "RUN sh -ec 'echo $- > /f'",
    'RUN echo "${-:+set}" > /f',
    'RUN echo "${#-}" > /f',
  ];
  for (const run of optionCases) {
    it(`${run.replace('\n', ' ')}: estimated`, async () => {
      const analysis = await predict(`FROM shell-only\n${run}\n`);
      assert.equal(analysis.stack.lookup('/f')?.entry.certainty, 'estimated');
    });
  }
});
