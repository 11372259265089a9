/** Folders the launchers and the end-to-end suite share. */
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Output of test/vscode/build.js. */
export const builtTestsDir = path.join(repoRoot, 'out', 'test');

export const fixtureWorkspacesDir = path.join(repoRoot, 'test', 'fixtures', 'workspaces');

/** The workspace both suites open. */
export const defaultWorkspace = 'shop';
