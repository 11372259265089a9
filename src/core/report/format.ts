/** Byte counts for people, shared by the CLI reports and the editor. */

const byteUnits = ['kB', 'MB', 'GB', 'TB'];

/** Formats a byte count in decimal units, as `docker images` does (1 kB = 1000 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  // Compare the rounded value, so 999,950 bytes reads "1.0 MB" rather than "1000 kB".
  while (unit < byteUnits.length - 1 && Number(value.toFixed(value >= 100 ? 0 : 1)) >= 1000) {
    value /= 1000;
    unit++;
  }
  const digits = value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${byteUnits[unit]}`;
}
