/** Words that join several expansions with literal text, such as "$APP $VERSION": the test name is the RUN. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { certaintiesAt, changesAt, predict, removeContexts } from '../helpers';

const header = 'FROM shell-only\nARG APP=widget\nARG VERSION=1.2.3\n';

/** Predicts the header with `run` on line 4. */
function predictRun(run: string): Promise<Analysis> {
  return predict(`${header}${run}\n`);
}

/** Returns the predicted size of the file at `path`. */
function sizeOf(analysis: Analysis, path: string): number | null | undefined {
  return analysis.stack.lookup(path)?.entry.size;
}

describe('RUN words with several expansions', () => {
  after(removeContexts);

  const sizes: Array<[string, string]> = [
    ['echo "$APP $VERSION" > /f', 'widget 1.2.3\n'],
    ['echo "$APP $APP" > /f', 'widget widget\n'],
    ["printf '%s\\n' \"$APP $VERSION\" > /f", 'widget 1.2.3\n'],
    ['echo "${APP} ${VERSION}" > /f', 'widget 1.2.3\n'],
    ['echo "$APP ${VERSION}" > /f', 'widget 1.2.3\n'],
    ['echo "${APP} $VERSION" > /f', 'widget 1.2.3\n'],
    ['echo "x $APP $VERSION y" > /f', 'x widget 1.2.3 y\n'],
    ['echo "$APP  $VERSION" > /f', 'widget  1.2.3\n'],
    ['echo "$APP\t$VERSION" > /f', 'widget\t1.2.3\n'],
    ['echo "$APP-$VERSION" > /f', 'widget-1.2.3\n'],
    ['echo $APP $VERSION > /f', 'widget 1.2.3\n'],
    ['echo "${#APP} ${#VERSION}" > /f', '6 5\n'],
    ['echo "$APP ${UNSET:-x}" > /f', 'widget x\n'],
    ['echo "${UNSET:-$APP $VERSION}" > /f', 'widget 1.2.3\n'],
  ];
  for (const [run, content] of sizes) {
    it(`RUN ${run}`, async () => {
      const analysis = await predictRun(`RUN ${run}`);
      assert.equal(sizeOf(analysis, '/f'), content.length);
      assert.deepEqual(certaintiesAt(analysis, 4), ['/f exact']);
    });
  }

  it('RUN for f in "$APP $VERSION" makes one field', async () => {
    const analysis = await predictRun('RUN for f in "$APP $VERSION"; do touch "/$f"; done');
    assert.deepEqual(changesAt(analysis, 4), ['/widget 1.2.3 added file']);
  });

  it('RUN for f in ${UNSET:-a b} splits the default', async () => {
    const analysis = await predictRun('RUN for f in ${UNSET:-a b}; do touch "/$f"; done');
    assert.deepEqual(changesAt(analysis, 4), ['/a added file', '/b added file']);
  });

  it('RUN for f in ${UNSET:-x $APP} keeps the blank', async () => {
    const analysis = await predictRun('RUN for f in ${UNSET:-x $APP}; do touch "/$f"; done');
    assert.deepEqual(changesAt(analysis, 4), ['/widget added file', '/x added file']);
  });

  it('RUN for f in "${UNSET:-x $APP}" keeps one field', async () => {
    const analysis = await predictRun('RUN for f in "${UNSET:-x $APP}"; do touch "/$f"; done');
    assert.deepEqual(changesAt(analysis, 4), ['/x widget added file']);
  });

  it('RUN echo "$APP $GIT" with GIT from a command', async () => {
    const analysis = await predictRun('RUN GIT=$(git rev-parse HEAD); echo "$APP $GIT" > /f');
    assert.deepEqual(certaintiesAt(analysis, 4), ['/f estimated']);
  });

  it('RUN echo "$APP $NOPE" with NOPE unset', async () => {
    // An unread base image may set NOPE in its ENV.
    const analysis = await predictRun('RUN echo "$APP $NOPE" > /f');
    assert.equal(sizeOf(analysis, '/f'), 'widget \n'.length);
    assert.deepEqual(certaintiesAt(analysis, 4), ['/f estimated']);
  });
});
