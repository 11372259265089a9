import * as assert from 'node:assert/strict';
import { validatePanelState, validateWebviewMessage } from '../../../src/protocol/webview';

function errorOf(result: { ok: boolean; error?: string }): string | undefined {
  return result.ok ? undefined : result.error;
}

describe('validateWebviewMessage', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'selectLayer', layer: 0 },
    { type: 'selectStage', stage: 2 },
    { type: 'openPath', path: '/app/a.txt', layer: 2 },
    { type: 'revealLine', line: 1 },
    { type: 'setView', filter: 'src', sort: 'size', showDeleted: true },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => {
      assert.deepEqual(validateWebviewMessage(message), { ok: true, value: message });
    });
  }

  it('drops unknown fields', () => {
    assert.deepEqual(validateWebviewMessage({ type: 'revealLine', line: 3, html: '<b>' }), { ok: true, value: { type: 'revealLine', line: 3 } });
  });

  const invalid: Array<[unknown, string]> = [
    [null, 'The message is not an object.'],
    [[{ type: 'ready' }], 'The message is not an object.'],
    ['ready', 'The message is not an object.'],
    [{ type: 'drop' }, 'Unknown message type "drop".'],
    [{}, 'Unknown message type "undefined".'],
    [{ type: 'selectLayer', layer: -1 }, 'selectLayer: "layer" must be a non-negative integer.'],
    [{ type: 'selectLayer', layer: 1.5 }, 'selectLayer: "layer" must be a non-negative integer.'],
    [{ type: 'selectLayer', layer: '1' }, 'selectLayer: "layer" must be a non-negative integer.'],
    [{ type: 'selectLayer', layer: 1e9 }, 'selectLayer: "layer" must be a non-negative integer.'],
    [{ type: 'selectStage' }, 'selectStage: "stage" must be a non-negative integer.'],
    [{ type: 'selectStage', stage: -1 }, 'selectStage: "stage" must be a non-negative integer.'],
    [{ type: 'selectStage', stage: 0.5 }, 'selectStage: "stage" must be a non-negative integer.'],
    [{ type: 'selectStage', stage: 'build' }, 'selectStage: "stage" must be a non-negative integer.'],
    [{ type: 'openPath', path: 'relative', layer: 0 }, 'openPath: "path" must be an absolute image path of at most 4096 characters.'],
    [{ type: 'openPath', path: '/a\0b', layer: 0 }, 'openPath: "path" must be an absolute image path of at most 4096 characters.'],
    [{ type: 'openPath', path: '/' + 'a'.repeat(5000), layer: 0 }, 'openPath: "path" must be an absolute image path of at most 4096 characters.'],
    [{ type: 'openPath', path: '/a' }, 'openPath: "layer" must be a non-negative integer.'],
    [{ type: 'revealLine', line: 0 }, 'revealLine: "line" must be a positive integer.'],
    [{ type: 'revealLine', line: Number.NaN }, 'revealLine: "line" must be a positive integer.'],
    [{ type: 'setView', filter: 3, sort: 'name', showDeleted: false }, 'setView: "filter" must be a string of at most 1024 characters.'],
    [{ type: 'setView', filter: '', sort: 'date', showDeleted: false }, 'setView: "sort" must be "name" or "size".'],
    [{ type: 'setView', filter: '', sort: 'name', showDeleted: 'yes' }, 'setView: "showDeleted" must be true or false.'],
  ];
  for (const [message, error] of invalid) {
    it(`rejects ${JSON.stringify(message)?.slice(0, 60)}`, () => {
      assert.equal(errorOf(validateWebviewMessage(message)), error);
    });
  }
});

describe('validatePanelState', () => {
  const state = { uri: 'file:///w/Dockerfile', layer: 2, filter: '', sort: 'name', showDeleted: false, expanded: ['/app'], selected: '/app/a' };

  it('accepts a stored state', () => {
    assert.deepEqual(validatePanelState(state), { ok: true, value: state });
  });

  it('accepts a state with a stage', () => {
    assert.deepEqual(validatePanelState({ ...state, stage: 0 }), { ok: true, value: { ...state, stage: 0 } });
  });

  it('accepts a state without selection', () => {
    const { selected: _selected, ...rest } = state;
    assert.deepEqual(validatePanelState({ ...rest, layer: -1 }), { ok: true, value: { ...rest, layer: -1 } });
  });

  const invalid: Array<[unknown, string]> = [
    [undefined, 'The panel state is not an object.'],
    [{ ...state, uri: '' }, 'The panel state has no Dockerfile URI.'],
    [{ ...state, uri: 7 }, 'The panel state has no Dockerfile URI.'],
    [{ ...state, layer: -2 }, 'The panel state\'s "layer" must be an integer of -1 or more.'],
    [{ ...state, stage: -1 }, 'The panel state\'s "stage" must be a non-negative integer.'],
    [{ ...state, stage: '1' }, 'The panel state\'s "stage" must be a non-negative integer.'],
    [{ ...state, sort: 'x' }, 'The panel state\'s "sort" must be "name" or "size".'],
    [{ ...state, expanded: '/app' }, 'The panel state\'s "expanded" must be a list of at most 100000 absolute paths.'],
    [{ ...state, expanded: ['app'] }, 'The panel state\'s "expanded" must be a list of at most 100000 absolute paths.'],
    [{ ...state, selected: 3 }, 'The panel state\'s "selected" must be an absolute path.'],
  ];
  for (const [value, error] of invalid) {
    it(`rejects ${JSON.stringify(value)?.slice(0, 60) ?? 'undefined'}`, () => {
      assert.equal(errorOf(validatePanelState(value)), error);
    });
  }
});
