// Bundles the extension and the CLI. `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const { copyFileSync, mkdirSync } = require('node:fs');
const { basename, join } = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const quiet = process.argv.includes('--quiet');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: quiet ? 'warning' : 'info',
};

const targets = [
  // `vscode` is provided by the editor at run time, so it must stay outside the bundle.
  { ...shared, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...shared, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// The RUN shell parser loads these WASM files from beside the bundle at run time.
const wasmFiles = ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'];

function copyWasmFiles() {
  mkdirSync('dist', { recursive: true });
  for (const file of wasmFiles) {
    const source = require.resolve(file);
    copyFileSync(source, join('dist', basename(source)));
  }
}

async function main() {
  copyWasmFiles();
  if (watch) {
    const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(targets.map((options) => esbuild.build(options)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
