/** A repeated option that takes one value is a usage error of explain and image, not a silent last-one-wins. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli } from './capture';

const archive = join(__dirname, '..', '..', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');

describe('repeated options', () => {
  let dockerfile: string;
  before(() => {
    dockerfile = join(makeContext({ Dockerfile: 'FROM busybox-local:2 AS a\nFROM busybox-local:2 AS b\n' }), 'Dockerfile');
  });
  after(removeContexts);

  // Each command, an option of it that takes one value, and two values for it.
  const cases: Array<[string, string, string, string]> = [
    ['explain', '--target', 'a', 'b'],
    ['explain', '--context', '.', '..'],
    ['explain', '--builder', 'classic', 'buildah'],
    ['explain', '--platform', 'linux/amd64', 'linux/arm64'],
    ['image', '--platform', 'linux/amd64', 'linux/arm64'],
    ['image', '--image', 'a:1', 'b:1'],
    ['image', '--dockerfile', 'Dockerfile', 'Other.Dockerfile'],
    ['image', '--max-layer-bytes', '1000', '2000'],
  ];
  for (const [command, option, first, second] of cases) {
    it(`${command} ${option} twice`, async () => {
      const operand = command === 'explain' ? dockerfile : archive;
      const result = await captureCli(main, [command, option, first, option, second, operand]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `layer-lens ${command}: option ${option} is given twice ("${first}", then "${second}"): pass it once.\nRun "layer-lens ${command} --help" for usage.\n`);
    });
  }

  it('explain --target=VALUE twice', async () => {
    const result = await captureCli(main, ['explain', '--target=a', '--target', 'b', dockerfile]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^layer-lens explain: option --target is given twice \("a", then "b"\)/);
  });

  it('explain repeats only --build-arg and flags', async () => {
    const result = await captureCli(main, ['explain', '--build-arg', 'A=1', '--build-arg', 'B=2', '--json', '--json', '--builder', 'classic', '--builder', 'buildah', dockerfile]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^layer-lens explain: option --builder is given twice/);
  });
});
