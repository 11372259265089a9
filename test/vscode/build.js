// Bundles what runs inside the extension host for the integration suite: the code-server
// test-runner extension, the @vscode/test-electron entry and the test files, into out/test/.
// `vscode` comes from the editor and `mocha` from the repository's node_modules at run time.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'out', 'test');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
};

/** Lists the test files directly in `subfolder` of test/integration, not in its subfolders. */
function integrationTestFiles(subfolder = '') {
  const dir = path.join(root, 'test', 'integration', subfolder);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(dir, name));
}

async function main() {
  // Stale bundles of renamed or deleted tests would still run, so start from an empty folder.
  fs.rmSync(outDir, { recursive: true, force: true });
  const runnerDir = path.join(outDir, 'runner-extension');
  await Promise.all([
    esbuild.build({
      ...shared,
      entryPoints: [path.join(__dirname, 'runner-extension', 'extension.ts')],
      outfile: path.join(runnerDir, 'extension.js'),
    }),
    esbuild.build({
      ...shared,
      entryPoints: [path.join(__dirname, 'electron-entry.ts')],
      outfile: path.join(outDir, 'electron-entry.js'),
    }),
    esbuild.build({
      ...shared,
      entryPoints: integrationTestFiles(),
      outdir: path.join(outDir, 'integration'),
    }),
    // The tests that need a multi-root workspace, which the code-server launcher runs apart.
    esbuild.build({
      ...shared,
      entryPoints: integrationTestFiles('multiRoot'),
      outdir: path.join(outDir, 'integration-multi-root'),
    }),
  ]);
  fs.copyFileSync(path.join(__dirname, 'runner-extension', 'package.json'), path.join(runnerDir, 'package.json'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
