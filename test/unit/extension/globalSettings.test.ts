import * as assert from 'node:assert/strict';
import { readEngineSetting, readRefreshDelay, readWasteHintsSetting, shownValue } from '../../../src/extension/globalSettings';

describe('readRefreshDelay', () => {
  it('valid values', () => {
    const warnings: string[] = [];
    assert.equal(readRefreshDelay(0, warnings), 0);
    assert.equal(readRefreshDelay(1500, warnings), 1500);
    assert.equal(readRefreshDelay(undefined, warnings), 300);
    assert.deepEqual(warnings, []);
  });

  it('invalid values use the default', () => {
    const warnings: string[] = [];
    assert.equal(readRefreshDelay(-1, warnings), 300);
    assert.equal(readRefreshDelay('500', warnings), 300);
    assert.deepEqual(warnings, [
      'layerLens.refreshDelay -1 is not a number of milliseconds from 0 up, so Layer Lens waits the default 300 ms.',
      'layerLens.refreshDelay "500" is not a number of milliseconds from 0 up, so Layer Lens waits the default 300 ms.',
    ]);
  });
});

describe('readEngineSetting', () => {
  it('valid values', () => {
    const warnings: string[] = [];
    assert.equal(readEngineSetting(false, warnings), false);
    assert.equal(readEngineSetting(true, warnings), true);
    assert.equal(readEngineSetting(undefined, warnings), true);
    assert.deepEqual(warnings, []);
  });

  it('string "false" reads the engine', () => {
    const warnings: string[] = [];
    assert.equal(readEngineSetting('false', warnings), true);
    assert.deepEqual(warnings, ['layerLens.readBaseImagesFromEngine "false" is not true or false, so Layer Lens reads base images from the engine, the default.']);
  });
});

describe('readWasteHintsSetting', () => {
  it('valid values', () => {
    const warnings: string[] = [];
    assert.equal(readWasteHintsSetting(false, warnings), false);
    assert.equal(readWasteHintsSetting(true, warnings), true);
    assert.equal(readWasteHintsSetting(undefined, warnings), true);
    assert.deepEqual(warnings, []);
  });

  it('string "false" shows the hints', () => {
    const warnings: string[] = [];
    assert.equal(readWasteHintsSetting('false', warnings), true);
    assert.deepEqual(warnings, ['layerLens.wasteHints "false" is not true or false, so Layer Lens shows waste hints, the default.']);
  });
});

describe('shownValue', () => {
  it('quotes as settings.json does', () => {
    assert.equal(shownValue('arm64'), '"arm64"');
    assert.equal(shownValue(7), '7');
    assert.equal(shownValue({ a: 1 }), '{"a":1}');
  });

  it('shortens long values', () => {
    const shown = shownValue('x'.repeat(100));
    assert.equal(shown.length, 60);
    assert.ok(shown.endsWith('…'));
  });
});
