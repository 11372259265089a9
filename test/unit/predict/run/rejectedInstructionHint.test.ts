import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Analysis, Problem } from '../../../../src/core/analysis/types';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import { wasteQuickFixes } from '../../../../src/core/predict/run/quickFixes';
import { loadShellParser } from '../../../../src/core/predict/run/shellParser';
import { applyEdits, removeContexts, stepAt } from '../helpers';

// A Python service whose runtime stage writes a cache in the RUN on line 18 and deletes it in the
// RUN on line 26. Dockerfile.typo differs from Dockerfile only in `COPPY` for `COPY` on line 24.
const project = join(__dirname, '..', '..', '..', 'fixtures', 'waste-advice', 'rejected-instruction');

async function analyzeFile(name: string, builder: BuilderKind): Promise<Analysis> {
  const dockerfilePath = join(project, name);
  return analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), builder });
}

/** Returns the hint on line 26 about the cache that the RUN on line 18 wrote. */
function cacheHint(analysis: Analysis): Problem {
  const hints = analysis.problems.filter((problem) => problem.line === 26 && problem.writtenBy?.paths.includes('/var/cache/apk/APKINDEX.tar.gz'));
  assert.equal(hints.length, 1, `hints on line 26: ${JSON.stringify(analysis.problems.filter((problem) => problem.line === 26))}`);
  return hints[0];
}

const expectedHint =
  'This RUN deletes the cache /var/cache/apk/APKINDEX.tar.gz, written by line 18 (RUN). The image still holds those bytes (9 B) in that earlier layer; ' +
  'delete them in the same step that creates them: move the cleanup into the RUN on line 18, since merging the two RUNs would move the other commands across the COPY on line 21.';


describe('cleanup hint across a rejected instruction', () => {
  after(removeContexts);

  it('classic builder rejects Dockerfile.typo', async () => {
    const analysis = await analyzeFile('Dockerfile.typo', 'classic');
    const rejections = analysis.problems.filter((problem) => problem.scope === 'dockerfile');
    assert.deepEqual(rejections.map((problem) => problem.line), [24]);
    assert.equal(stepAt(analysis, 26).notReached?.rejects, true);
  });

  for (const builder of ['classic', 'buildkit', 'buildah'] as const) {
    it(`COPPY read as COPY, ${builder}`, async () => {
      const hint = cacheHint(await analyzeFile('Dockerfile.typo', builder));
      assert.equal(hint.message, expectedHint);
    });
  }

  it('same hint as the accepted Dockerfile', async () => {
    const typo = cacheHint(await analyzeFile('Dockerfile.typo', 'classic'));
    const accepted = cacheHint(await analyzeFile('Dockerfile', 'classic'));
    assert.equal(typo.message, accepted.message);
  });

  it('quick fixes as for the accepted Dockerfile', async () => {
    const parser = await loadShellParser();
    // Each fix's title and the text it leaves; offsets differ, as COPPY is one letter longer.
    const fixesOf = async (name: string) => {
      const text = readFileSync(join(project, name), 'utf8');
      const fixes = wasteQuickFixes(text, cacheHint(await analyzeFile(name, 'classic')), parser);
      return fixes.map((fix) => ({ title: fix.title, result: 'edits' in fix ? applyEdits(text, fix.edits).replace('COPPY', 'COPY') : fix.disabledReason }));
    };
    const typo = await fixesOf('Dockerfile.typo');
    assert.deepEqual(typo, await fixesOf('Dockerfile'));
    assert.ok(typo.length > 0 && !typo.some((fix) => fix.title.includes('COPPY')), JSON.stringify(typo));
  });

  it('RUN, COPYYY, RUN rm: merge and move offered', async () => {
    const text = 'FROM busybox-local:2\nRUN mkdir -p /var/cache/app && echo data > /var/cache/app/blob\nCOPYYY requirements.txt /\nRUN rm -rf /var/cache/app && echo done > /done.txt\n';
    const analysis = await analyze({ dockerfilePath: join(project, 'Dockerfile'), text, builder: 'classic' });
    const hints = analysis.problems.filter((problem) => problem.writtenBy?.line === 2);
    assert.equal(hints.length, 1, JSON.stringify(analysis.problems));
    assert.match(hints[0].message, /delete them in the same step that creates them \(merge the two RUNs, or move the cleanup there\)\.$/);

    const fixes = wasteQuickFixes(text, hints[0], await loadShellParser());
    const outcomes = Object.fromEntries(fixes.map((fix) => [fix.title, 'edits' in fix ? fix.edits.map((edit) => edit.newText) : `disabled: ${fix.disabledReason}`]));
    assert.deepEqual(outcomes, {
      'Merge into the RUN on line 2': [' && \\\n    rm -rf /var/cache/app && echo done > /done.txt', ''],
      'Move the cleanup into the RUN on line 2': [' && \\\n    rm -rf /var/cache/app', 'RUN echo done > /done.txt'],
    });
  });
});
