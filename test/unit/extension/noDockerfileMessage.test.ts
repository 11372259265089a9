/** The message of a command run with no Dockerfile open, which every such command shares. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { noDockerfileMessage } from '../../../src/extension/noDockerfileMessage';

const sources = path.resolve(__dirname, '../../../src/extension');

describe('noDockerfileMessage', () => {
  it('names the command', () => {
    assert.equal(noDockerfileMessage('Refresh'), 'Open a Dockerfile in the editor, then run Refresh again.');
  });

  // The commands show their messages through `vscode.window`, which plain mocha cannot load. So
  // the test reads their sources, and each must word the message through the shared function.
  for (const [file, title] of [
    ['commands.ts', 'Refresh'],
    ['panel/register.ts', 'Show Merged Filesystem'],
    ['image/imageCommands.ts', 'Analyze Image...'],
  ]) {
    it(`${title} uses it`, () => {
      const source = readFileSync(path.join(sources, file), 'utf8');
      assert.ok(source.includes(`noDockerfileMessage('${title}')`) || source.includes(`'${title}'`), `${file} does not name ${title}`);
      assert.doesNotMatch(source, /[Oo]pen a Dockerfile/, `${file} words the message itself`);
    });
  }
});
