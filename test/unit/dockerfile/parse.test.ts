import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile, type Flag, type ParsedInstruction } from '../../../src/core/dockerfile/parse';

const cases = join(__dirname, '../../fixtures/cases');
const chownText = readFileSync(join(cases, '27-copy-chown/Dockerfile'), 'utf8');
const heredocText = readFileSync(join(cases, '31-heredoc/Dockerfile'), 'utf8');

describe('parseDockerfile of the same text again', () => {
  it('returns the earlier records', () => {
    const first = parseDockerfile(chownText);
    assert.equal(parseDockerfile(chownText), first);
    assert.deepEqual(first.instructions[1].flags, [{ name: 'chown', value: '1000:1000' }]);
  });

  it('parses a changed text anew', () => {
    const chown = structuredClone(parseDockerfile(chownText));
    assert.equal(parseDockerfile(heredocText).instructions[1].heredocs[0].body, 'mkdir -p /heredoc\necho one > /heredoc/one.txt\n');
    assert.deepEqual(parseDockerfile(chownText), chown);
  });

  it('rejects changes to shared records', () => {
    const copy = parseDockerfile(chownText).instructions[1];
    assert.throws(() => (copy.flags as Flag[]).push({ name: 'chmod', value: '600' }), TypeError);
    assert.throws(() => (parseDockerfile(chownText).instructions as ParsedInstruction[]).pop(), TypeError);
    assert.ok(Object.isFrozen(copy));
    assert.ok(Object.isFrozen(copy.flags[0]));
    assert.deepEqual(parseDockerfile(chownText).instructions[1].flags, [{ name: 'chown', value: '1000:1000' }]);
  });
});
