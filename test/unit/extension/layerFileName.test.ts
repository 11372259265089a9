import * as assert from 'node:assert/strict';
import { stepFilePath } from '../../../src/extension/image/layerFileName';

describe('stepFilePath', () => {
  it('name without extension', () => {
    assert.equal(stepFilePath('/chain/a', 3), '/chain/a (step #3)');
  });

  it('step goes before the extension', () => {
    assert.equal(stepFilePath('/app/main.py', 7), '/app/main (step #7).py');
  });

  it('dot file keeps its name whole', () => {
    assert.equal(stepFilePath('/root/.bashrc', 0), '/root/.bashrc (step #0)');
  });

  it('dotted folder is no extension', () => {
    assert.equal(stepFilePath('/etc/conf.d/app', 2), '/etc/conf.d/app (step #2)');
  });
});
