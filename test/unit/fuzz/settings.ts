/**
 * Seed and size of the property-based runs. `npm run test:unit` uses the fixed defaults, so a
 * failure repeats; `npm run fuzz` sets FUZZ_RUNS higher, and FUZZ_SEED replays a reported seed.
 */
import type { Parameters } from 'fast-check';

const DEFAULT_SEED = 20240611;

function readInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name}=${text} is not a whole number.`);
  return value;
}

/** Returns fast-check parameters with `defaultRuns` runs, or the count that FUZZ_RUNS sets. */
export function fuzzParameters<T>(defaultRuns: number): Parameters<T> {
  return { seed: readInteger('FUZZ_SEED', DEFAULT_SEED), numRuns: readInteger('FUZZ_RUNS', defaultRuns) };
}

/** Returns the mocha timeout for a property: generous per run, so that a hang fails and a slow machine passes. */
export function fuzzTimeout(defaultRuns: number, secondsPerRun: number): number {
  return Math.max(30_000, readInteger('FUZZ_RUNS', defaultRuns) * secondsPerRun * 1000);
}
