/** File mode changes as `chmod` and `install -m` apply them: octal or symbolic (`u+x,go-w`). */

const whoBits: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };

/**
 * Applies a chmod mode to `current`. Returns `null` for a mode it cannot read. Symbolic modes
 * with no `ugoa` act through the umask 022, as chmod does.
 */
export function applyMode(current: number, mode: string, isDirectory: boolean): number | null {
  if (/^[0-7]{1,4}$/.test(mode)) return parseInt(mode, 8);
  let result = current;
  for (const clause of mode.split(',')) {
    const match = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!match) return null;
    const who = match[1] === '' ? null : match[1].includes('a') ? 'ugo' : match[1];
    for (const action of match[2].match(/[-+=][rwxXstugo]*/g) ?? []) result = applyAction(result, who, action, isDirectory);
  }
  return result;
}

function applyAction(current: number, who: string | null, action: string, isDirectory: boolean): number {
  const operator = action[0];
  const permissions = action.slice(1);
  let bits = 0;
  for (const letter of permissions) {
    if (letter === 'r') bits |= 0o444;
    else if (letter === 'w') bits |= 0o222;
    else if (letter === 'x') bits |= 0o111;
    else if (letter === 'X' && (isDirectory || (current & 0o111) !== 0)) bits |= 0o111;
    else if (letter === 's') bits |= 0o6000;
    else if (letter === 't') bits |= 0o1000;
    else if ('ugo'.includes(letter)) bits |= copyClass(current, letter);
  }
  const mask = who === null ? 0o7777 & ~0o022 : [...who].reduce((sum, letter) => sum | whoBits[letter], 0) | (permissions.includes('t') ? 0o1000 : 0);
  const selected = bits & mask;
  if (operator === '+') return current | selected;
  if (operator === '-') return current & ~selected;
  const cleared = current & ~(who === null ? 0o7777 : [...who].reduce((sum, letter) => sum | whoBits[letter], 0));
  return cleared | selected;
}

/** Copies the permissions of one class (`u`, `g`, `o`) into all three classes. */
function copyClass(current: number, letter: string): number {
  const shifts: Record<string, number> = { u: 6, g: 3, o: 0 };
  const shift = shifts[letter];
  const value = (current >> shift) & 0o7;
  return (value << 6) | (value << 3) | value;
}
