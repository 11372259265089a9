/** Temporary copies of fixture workspaces, because the suites edit and save files in them. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixtureWorkspacesDir } from './paths';

/** Creates an empty temporary folder for one run; `label` goes into its name. */
export function makeRunDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `layer-lens-${label}-`));
}

/** Copies `test/fixtures/workspaces/<name>` into `parentDir` and returns the copy's path. */
export function copyFixtureWorkspace(name: string, parentDir: string): string {
  const source = path.join(fixtureWorkspacesDir, name);
  if (!fs.existsSync(source)) {
    throw new Error(`fixture workspace not found: ${source}`);
  }
  const target = path.join(parentDir, name);
  fs.cpSync(source, target, { recursive: true, verbatimSymlinks: true });
  return target;
}
