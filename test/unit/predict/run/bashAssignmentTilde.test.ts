/**
 * `NAME=~/x` as an argument of any command (`make PREFIX=~/x`). bash 5.2.15 expands its tildes as
 * those of an assignment, also after a `:`, but not when started as `sh`, which puts it in POSIX
 * mode. dash 0.5.12 and BusyBox 1.35 ash keep the word as written. Each expected text is what the
 * shell printed with HOME=/h.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { folderEntry, linkEntry, predict, programEntry, removeContexts } from '../helpers';
import { bashAndDashImage, errorsOf, textAt } from './realShells';

/** bash at /bin/bash and as /bin/sh, with HOME and PATH set. */
const bashAsShImage: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/bash'), linkEntry('/bin/sh', 'bash')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath], ['HOME', '/h']]) },
};

const script = 'printf "%s\\n" X=~/x a=b:~/y --p=~/z "Q=~/q" > /o';

/** Predicts `script` in `image` (`bash-dash` or `bash-as-sh`), run by the shell of the SHELL `shell`. */
function run(image: string, shell: string): Promise<Analysis> {
  const images: Record<string, KnownImage> = { 'bash-dash': bashAndDashImage, 'bash-as-sh': bashAsShImage };
  return predict(`FROM ${image}\nENV HOME=/h\nSHELL ${shell}\nRUN ${script}\n`, {}, { images: (reference) => images[reference] });
}

describe('NAME=~ arguments', () => {
  after(removeContexts);

  it('bash: expanded', async () => {
    const analysis = await run('bash-dash', '["/bin/bash", "-c"]');
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/o'), 'X=/h/x\na=b:/h/y\n--p=~/z\nQ=~/q\n');
  });

  it('dash: as written', async () => {
    const analysis = await run('bash-dash', '["/bin/sh", "-c"]');
    assert.equal(textAt(analysis, '/o'), 'X=~/x\na=b:~/y\n--p=~/z\nQ=~/q\n');
  });

  it('bash as sh: as written', async () => {
    const analysis = await run('bash-as-sh', '["/bin/sh", "-c"]');
    assert.equal(textAt(analysis, '/o'), 'X=~/x\na=b:~/y\n--p=~/z\nQ=~/q\n');
  });

  it('declare and typeset: expanded', async () => {
    const dockerfile = 'FROM bash-dash\nENV HOME=/h\nSHELL ["/bin/bash", "-c"]\nRUN declare D=~/d; typeset -x T=a:~/t; echo "$D $T" > /o\n';
    const analysis = await predict(dockerfile, {}, { images: (reference) => (reference === 'bash-dash' ? bashAndDashImage : undefined) });
    assert.equal(textAt(analysis, '/o'), '/h/d a:/h/t\n');
  });

  it('bash -c under dash: expanded', async () => {
    const dockerfile = `FROM bash-dash\nENV HOME=/h\nRUN bash -c 'printf "%s\\n" X=~/x' > /o; printf "%s\\n" Y=~/y >> /o\n`;
    const analysis = await predict(dockerfile, {}, { images: (reference) => (reference === 'bash-dash' ? bashAndDashImage : undefined) });
    assert.equal(textAt(analysis, '/o'), 'X=/h/x\nY=~/y\n');
  });
});
