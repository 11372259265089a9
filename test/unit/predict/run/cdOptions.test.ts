/**
 * The `-P` and `-L` options of `cd`. Each expected `$PWD` is what BusyBox 1.35 ash and dash 0.5.12
 * print for the same script: `-P` follows the symlink, so `cd ..` climbs the real path.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { predict, removeContexts } from '../helpers';

/** Returns the text that the prediction writes to `path`, or `no text`. */
function textAt(analysis: Analysis, path: string): string {
  const origin = analysis.stack.lookup(path)?.entry.origin;
  return origin?.kind === 'run-text' ? JSON.stringify(origin.text) : 'no text';
}

describe('cd -P, cd -L, pwd -P and /bin/pwd', () => {
  after(removeContexts);

  const cases: Array<[string, string]> = [
    ['cd -P /lx && cd .. && echo "$PWD" > /c.txt', '"/real/dir\\n"'],
    ['cd -P /lx && echo "$PWD" > /c.txt', '"/real/dir/x\\n"'],
    ['cd -L /lx && cd .. && echo "$PWD" > /c.txt', '"/\\n"'],
    ['cd -L -P -- /lx && echo "$PWD" > /c.txt', '"/real/dir/x\\n"'],
    ['cd -PL /lx && echo "$PWD" > /c.txt', '"/lx\\n"'],
    ['cd -P /lx/.. && echo "$PWD" > /c.txt', '"/real/dir\\n"'],
    ['cd -P /ll/.. && echo "$PWD" > /c.txt', '"/real/dir\\n"'],
    ['cd /lx && cd -P .. && echo "$PWD" > /c.txt', '"/real/dir\\n"'],
    ['cd /lx && pwd > /c.txt', '"/lx\\n"'],
    ['cd /lx && pwd -P > /c.txt', '"/real/dir/x\\n"'],
    ['cd /ll && pwd -LP > /c.txt', '"/real/dir/x\\n"'],
    ['cd /lx && pwd -PL > /c.txt', '"/lx\\n"'],
  ];
  for (const [script, expected] of cases) {
    it(script, async () => {
      const analysis = await predict(`FROM shell-only\nRUN mkdir -p /real/dir/x && ln -s /real/dir/x /lx && ln -s /lx /ll\nRUN ${script}\n`);
      assert.deepEqual(analysis.problems.filter((problem) => problem.severity === 'error'), []);
      assert.equal(textAt(analysis, '/c.txt'), expected);
    });
  }

  // GNU coreutils 9.1 and BusyBox 1.35 pwd print the path with symlinks followed unless given -L.
  const programs: Array<[string, string]> = [
    ['cd /lx && /bin/pwd > /c.txt', '"/real/dir/x\\n"'],
    ['cd /lx && /bin/pwd -L > /c.txt', '"/lx\\n"'],
  ];
  for (const [script, expected] of programs) {
    it(script, async () => {
      const analysis = await predict(`FROM shell-only\nRUN mkdir -p /real/dir/x && ln -s /real/dir/x /lx && echo elf > /bin/pwd\nRUN ${script}\n`);
      assert.equal(textAt(analysis, '/c.txt'), expected);
    });
  }
});
