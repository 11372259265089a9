/**
 * The extensions folder that code-server loads. code-server rejects `--extensionDevelopmentPath`,
 * so the extension under test goes in as a symlink named `PUBLISHER.NAME-VERSION`, which is the
 * folder name VS Code gives an installed extension.
 */
import * as fs from 'fs';
import * as path from 'path';
import { builtTestsDir, repoRoot } from './paths';

interface Manifest {
  publisher: string;
  name: string;
  version: string;
  main?: string;
}

/**
 * Fills `dir` with Layer Lens and, when `withRunner` is set, the integration test runner.
 * `LAYER_LENS_EXTENSION_DIR` names another copy of the extension to load instead of the
 * repository, such as the unpacked `extension/` folder of a `.vsix`.
 */
export function layOutExtensions(dir: string, withRunner: boolean): void {
  fs.mkdirSync(dir, { recursive: true });
  linkExtension(dir, process.env.LAYER_LENS_EXTENSION_DIR || repoRoot);
  if (withRunner) linkExtension(dir, path.join(builtTestsDir, 'runner-extension'));
}

function linkExtension(extensionsDir: string, extensionDir: string): void {
  const manifest = readManifest(extensionDir);
  const main = path.join(extensionDir, manifest.main ?? 'extension.js');
  if (!fs.existsSync(main)) {
    throw new Error(`${main} is missing: build it first ("node esbuild.js" and "node test/vscode/build.js")`);
  }
  const folder = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  fs.symlinkSync(extensionDir, path.join(extensionsDir, folder), 'dir');
}

function readManifest(extensionDir: string): Manifest {
  const file = path.join(extensionDir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Manifest>;
  if (!manifest.publisher || !manifest.name || !manifest.version) {
    throw new Error(`${file} must set "publisher", "name" and "version"`);
  }
  return { publisher: manifest.publisher, name: manifest.name, version: manifest.version, main: manifest.main };
}
