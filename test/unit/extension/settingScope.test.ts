/**
 * Checks the `scope` of each setting in package.json against how the extension reads it. In a
 * multi-root workspace, VS Code applies a value from a folder's own `.vscode/settings.json` only
 * when the setting's scope is `resource` or `language-overridable`. It greys out a value of the
 * default scope, `window`.
 * The integration launcher opens a single folder, where every scope applies, so this reads the
 * source instead of opening a multi-root workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const settingsSource = fs.readFileSync(path.join(repoRoot, 'src', 'extension', 'settings.ts'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};
const declared = manifest.contributes.configuration.properties;

/** Lists the sources under src/ that read the `layerLens` configuration. */
function readersOfConfiguration(): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts') && fs.readFileSync(full, 'utf8').includes("getConfiguration('layerLens'")) found.push(path.relative(repoRoot, full));
    }
  };
  visit(path.join(repoRoot, 'src'));
  return found;
}

/** Returns the names settings.ts reads from a configuration, as in `.get<unknown>('builder')`. */
function namesReadInSettings(): string[] {
  const names = [...settingsSource.matchAll(/\.get<unknown>\('([A-Za-z]+)'\)/g)].map((match) => match[1]);
  return [...new Set(names)].sort();
}

describe('package.json setting scopes', () => {
  it('only settings.ts reads the configuration', () => {
    assert.deepEqual(readersOfConfiguration(), [path.join('src', 'extension', 'settings.ts')]);
  });

  it('settings.ts reads each with a resource', () => {
    const calls = [...settingsSource.matchAll(/getConfiguration\(([^)]*)\)/g)].map((match) => match[1]);
    assert.ok(calls.length > 0, 'settings.ts reads no configuration');
    for (const call of calls) assert.match(call, /^'layerLens', dockerfile$/, `getConfiguration(${call}) reads without the Dockerfile as resource`);
  });

  it('every declared setting is read', () => {
    const read = namesReadInSettings().map((name) => `layerLens.${name}`);
    assert.deepEqual(read, Object.keys(declared).sort());
  });

  for (const name of namesReadInSettings()) {
    it(`layerLens.${name} has resource scope`, () => {
      assert.equal(declared[`layerLens.${name}`]?.scope, 'resource');
    });
  }
});
