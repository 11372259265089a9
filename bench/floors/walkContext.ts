/**
 * Measures the minimum walk of a build context in Node: one `readdirSync` per folder and one
 * `lstatSync` per entry, as `find -printf '%s %p\n'` does. Usage: node walkContext.js CONTEXT
 */
import { lstatSync, readdirSync } from 'node:fs';

/** Returns the number of entries under `folder`. Node has no `fstatat`, so each call passes the whole path. */
function walk(folder: string): number {
  let entries = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    lstatSync(path);
    entries++;
    if (entry.isDirectory()) entries += walk(path);
  }
  return entries;
}

process.stdout.write(`${walk(process.argv[2])}\n`);
