/** Byte sizes of layers and folders for the explain text, as lower bounds where some are unknown. */
import { formatBytes } from '../core/report/format';

/** Bytes counted over several entries, and how many entries had no known size. */
export interface SizeTally {
  bytes: number;
  unknownSizes: number;
}

/**
 * Formats a tally's bytes: exact, `at least` when some sizes are unknown, or `size unknown`.
 * `open` is set for a layer that may hold more than it lists, whose sizes are then lower bounds.
 */
export function describeSize(tally: SizeTally, open: boolean): string {
  if (tally.unknownSizes === 0 && !open) return formatBytes(tally.bytes);
  if (tally.bytes === 0) return 'size unknown';
  return `at least ${formatBytes(tally.bytes)}`;
}
