/** The name that cp, mv and ln give a source operand inside a destination folder. */

/**
 * Returns the last component of an operand as written, after trailing slashes, as the tools take
 * it. Unlike the resolved path's base name it keeps `.` and `..`, so `cp -r /src/. /d` copies into
 * `/d/.`, the folder itself. Returns `''` for `/`.
 */
export function operandName(operand: string): string {
  const trimmed = operand.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Returns whether a name is `.` or `..`, which rename(2) rejects with EBUSY, so mv cannot move it. */
export function isDotName(name: string): boolean {
  return name === '.' || name === '..';
}
