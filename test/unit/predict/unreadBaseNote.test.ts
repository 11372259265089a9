import * as assert from 'node:assert/strict';
import { predict, removeContexts } from './helpers';

describe('note of a base image not read', () => {
  after(removeContexts);

  it('says how to have it read', async () => {
    const analysis = await predict('ARG TAG=3.12\nFROM python:${TAG}-slim\nRUN true\n');

    assert.deepEqual(analysis.steps[0].notes.slice(1), [
      'To have it read, pull or build it: the editor reads it from the local container engine in a trusted workspace (the setting layerLens.readBaseImagesFromEngine, on by default). In the CLI, give --base-image python:3.12-slim to read it from the engine, or --base-image python:3.12-slim=ARCHIVE for a docker save archive.',
    ]);
  });
});
