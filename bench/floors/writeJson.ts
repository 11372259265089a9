/**
 * Prints the milliseconds that `JSON.stringify` of a parsed `explain --json` output and writing it to
 * /dev/null take; parsing is not timed. Usage: node writeJson.js OUTPUT.json
 */
import { openSync, readFileSync, writeSync } from 'node:fs';

const value: unknown = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = process.hrtime.bigint();
const text = JSON.stringify(value);
const sink = openSync('/dev/null', 'w');
writeSync(sink, text);
process.stdout.write(`${Number(process.hrtime.bigint() - started) / 1e6}\n`);
