import * as assert from 'node:assert/strict';
import { mergeSimilarNotes } from '../../../../src/core/predict/run/similarNotes';
import { predict, removeContexts, stepAt } from '../helpers';

describe('notes of a RUN loop', () => {
  after(removeContexts);

  it('one note per pass becomes one', async () => {
    const passes = Array.from({ length: 20 }, (_, index) => index + 1).join(' ');
    const analysis = await predict(`FROM busybox\nRUN for d in ${passes}; do mkdir -p "/srv/$(cat /etc/name)/p$d"; done\n`);
    const notes = stepAt(analysis, 2).notes.filter((note) => note.startsWith('mkdir:'));
    assert.deepEqual(notes, [
      'mkdir: the path "/srv/$(cat /etc/name)/p1" (and 19 similar paths, the last "/srv/$(cat /etc/name)/p20") depends on values this prediction cannot know, so what it changes there is unknown.',
    ]);
  });

  it('keeps notes that differ otherwise', () => {
    const notes = ['rm: the path "/a/1" is unknown.', 'mkdir: the path "/a/2" is unknown.', 'rm: the path "/b" is unknown.'];
    assert.deepEqual(mergeSimilarNotes(notes), notes);
  });

  it('keeps quoted commands apart', () => {
    const notes = ['"step 1" may fail.', '"step 2" may fail.'];
    assert.deepEqual(mergeSimilarNotes(notes), notes);
  });

  it('names the value that differs', () => {
    const merged = mergeSimilarNotes(['cp: "/src" to "/d/1" is unknown.', 'cp: "/src" to "/d/2" is unknown.', 'other note']);
    assert.deepEqual(merged, ['cp: "/src" to "/d/1" (and 1 similar path, the last "/d/2") is unknown.', 'other note']);
  });
});
