/** Tests of what a failure's log line adds after its message. */
import * as assert from 'node:assert/strict';
import { failureDetail } from '../../../src/extension/logDetail';

describe('failureDetail', () => {
  it('adds nothing for a message that quotes the error', () => {
    const error = new Error('/x/missing.tar not found.');
    assert.deepEqual(failureDetail('Layer Lens could not read /x/missing.tar: /x/missing.tar not found.', error), []);
  });

  it('adds an unexpected error', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'path')");
    assert.deepEqual(failureDetail('Layer Lens could not analyse Dockerfile: internal failure', error), [error]);
  });

  it('adds an error without a message', () => {
    const error = new Error('');
    assert.deepEqual(failureDetail('Layer Lens could not analyse Dockerfile: ', error), [error]);
  });

  it('treats a thrown string like a message', () => {
    assert.deepEqual(failureDetail('Layer Lens could not open x: boom', 'boom'), []);
    assert.deepEqual(failureDetail('Layer Lens could not open x', 'boom'), ['boom']);
  });
});
