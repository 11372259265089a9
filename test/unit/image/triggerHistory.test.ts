/** History entries of ONBUILD triggers in real classic builds: a stage's map to the FROM that ran them, a base image's read as base. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { mapHistory } from '../../../src/core/image/mapHistory';
import type { HistoryEntry } from '../../../src/core/image/types';

const fixture = join(__dirname, '../../fixtures/onbuild/stage');

/** Reads the recorded history the way `readImage` parses a config's `history`. */
function recordedHistory(folder = fixture): HistoryEntry[] {
  const file = JSON.parse(readFileSync(join(folder, 'history.classic.json'), 'utf8')) as {
    history: Array<{ created_by?: string; empty_layer?: boolean; comment?: string }>;
  };
  return file.history.map((item) => ({ createdBy: item.created_by ?? '', emptyLayer: item.empty_layer === true, ...(item.comment ? { comment: item.comment } : {}) }));
}

describe('mapHistory of build triggers', () => {
  it('trigger entry maps to its FROM line (classic)', () => {
    const plan = planBuild(readFileSync(join(fixture, 'Dockerfile'), 'utf8'), { builder: 'classic' });
    const mapping = mapHistory(recordedHistory(), plan);
    const trigger = mapping.entries[20];
    assert.deepEqual({ role: trigger.role, line: trigger.line, match: trigger.match }, { role: 'step', line: 24, match: 'exact' });
    assert.deepEqual(mapping.entries.slice(21).map((link) => link.line), [25, 26, 27]);
    const unmatched = mapping.problems.filter((problem) => problem.message.includes('matches no line'));
    assert.deepEqual(unmatched, []);
  });

  it('base image trigger entries read as base', () => {
    // Without the base image's configuration the plan has no trigger steps to map them to.
    const folder = join(__dirname, '../../fixtures/onbuild/base-image');
    const plan = planBuild(readFileSync(join(folder, 'Dockerfile'), 'utf8'), { builder: 'classic' });
    const mapping = mapHistory(recordedHistory(folder), plan);

    assert.deepEqual(mapping.entries.map((link) => link.role), ['base', 'base', 'base', 'base', 'base', 'base', 'step']);
    assert.equal(mapping.baseEntries, 6);
    assert.equal(mapping.entries[6].line, 2);
    assert.deepEqual(mapping.problems, []);
  });
});
