/**
 * Loads the tree-sitter bash grammar (a WASM build shipped in the `tree-sitter-bash` npm package)
 * through `web-tree-sitter`. Loading is asynchronous and done once; parsing is synchronous after.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// `require`, not `import`: bundlers then take the package's CommonJS build, because its ES module
// build locates its files through `import.meta.url`, which a CommonJS bundle does not have.
import TreeSitter = require('web-tree-sitter');

type Tree = TreeSitter.Tree;
const { Language, Parser } = TreeSitter;

export interface ShellParser {
  /** Parses a script; the caller must call `delete()` on the tree when done with it. */
  parse(script: string): Tree;
}

let loading: Promise<ShellParser> | undefined;

/** Loads the bash parser once and returns it; later calls share the same parser. */
export function loadShellParser(): Promise<ShellParser> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<ShellParser> {
  const runtime = locateWasm('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
  await Parser.init({ locateFile: () => runtime });
  const bash = await Language.load(locateWasm('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(bash);
  return {
    parse(script: string): Tree {
      const tree = parser.parse(script);
      if (!tree) throw new Error('The bash parser returned no tree.');
      return tree;
    },
  };
}

/**
 * Finds a WASM file next to the running script (the esbuild bundle in `dist/` has them copied
 * beside it) or else in its npm package (tests and the CLI run from the source tree).
 */
function locateWasm(fileName: string, packagePath: string): string {
  const beside = join(__dirname, fileName);
  if (existsSync(beside)) return beside;
  try {
    return require.resolve(packagePath);
  } catch {
    throw new Error(`${fileName} was not found beside ${__dirname} nor in node_modules; reinstall Layer Lens, or run "npm install" in its source tree.`);
  }
}
