import * as assert from 'node:assert/strict';
import { expandWord, splitWords } from '../../../src/core/dockerfile/words';
import { changesAt, predict, removeContexts } from '../predict/helpers';

const values: Record<string, string> = { SET: 'value', EMPTY: '', PATH_VALUE: 'dir/sub/file.tar.gz' };
const lookup = (name: string) => values[name];

describe('expandWord', () => {
  const cases: Array<[string, string]> = [
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['${SET}x', 'valuex'],
    ['$UNSET', ''],
    ['${UNSET:-word}', 'word'],
    ['${EMPTY:-word}', 'word'],
    ['${EMPTY-word}', ''],
    ['${UNSET-word}', 'word'],
    ['${SET:+word}', 'word'],
    ['${EMPTY:+word}', ''],
    ['${EMPTY+word}', 'word'],
    ['${UNSET+word}', ''],
    ['${UNSET:-$SET}', 'value'],
    ['${PATH_VALUE#*/}', 'sub/file.tar.gz'],
    ['${PATH_VALUE##*/}', 'file.tar.gz'],
    ['${PATH_VALUE%.*}', 'dir/sub/file.tar'],
    ['${PATH_VALUE%%.*}', 'dir/sub/file'],
    ['${PATH_VALUE/sub/x}', 'dir/x/file.tar.gz'],
    ['${PATH_VALUE//\\//-}', 'dir-sub-file.tar.gz'],
    ["'$SET'", '$SET'],
    ['"$SET x"', 'value x'],
    ['\\$SET', '$SET'],
    ['a$', 'a$'],
  ];
  for (const [word, expected] of cases) {
    it(`${word} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(expandWord(word, lookup).value, expected);
    });
  }

  it('${UNSET:?needed} is an error', () => {
    assert.deepEqual(expandWord('${UNSET:?needed}', lookup).errors, ['UNSET: needed']);
  });

  it('${SET missing brace is an error', () => {
    assert.match(expandWord('${SET', lookup).errors[0], /missing '\}'/);
  });
});

describe('splitWords', () => {
  it('keeps quoted whitespace inside one word', () => {
    assert.deepEqual(splitWords('a "b c" \'d e\' f\\ g'), ['a', '"b c"', "'d e'", 'f\\ g']);
  });
});

describe('variables in instructions', () => {
  after(removeContexts);

  it('ARG SRC=app\\nCOPY ${SRC}/ /${SRC}/', async () => {
    const analysis = await predict('FROM scratch\nARG SRC=app\nCOPY ${SRC}/ /${SRC}/\n', { 'app/x': '1' });
    assert.deepEqual(changesAt(analysis, 3), ['/app added directory', '/app/x added file']);
  });

  it('--build-arg overrides an ARG default', async () => {
    const analysis = await predict('FROM scratch\nARG SRC=app\nCOPY $SRC /dest\n', { app: '1', other: '22' }, { buildArgs: { SRC: 'other' } });
    assert.equal(analysis.stack.lookup('/dest')?.entry.size, 2);
  });

  it('global ARG applies to FROM only; ARG NAME in a stage takes its default', async () => {
    const text = 'ARG DIR=from-global\nFROM scratch\nCOPY a /$DIR/\nARG DIR\nCOPY a /$DIR/\n';
    const analysis = await predict(text, { a: '1' });
    assert.deepEqual(changesAt(analysis, 3), ['/a added file']);
    assert.deepEqual(changesAt(analysis, 5), ['/from-global added directory', '/from-global/a added file']);
  });

  it('ENV overrides ARG of the same name', async () => {
    const analysis = await predict('FROM scratch\nARG D=arg\nENV D=env\nCOPY a /$D/\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 4), ['/env added directory', '/env/a added file']);
  });

  it('ENV A=one B=$A uses the value from before the line', async () => {
    const analysis = await predict('FROM scratch\nENV A=zero\nENV A=one B=$A\nCOPY x /$B\n', { x: '1' });
    assert.deepEqual(changesAt(analysis, 4), ['/zero added file']);
  });

  it('WORKDIR $HOME_DIR expands ENV', async () => {
    const analysis = await predict('FROM scratch\nENV HOME_DIR=/home/app\nWORKDIR $HOME_DIR\nCOPY x ./\n', { x: '1' });
    assert.deepEqual(changesAt(analysis, 4), ['/home/app/x added file']);
  });

  it('ENV is inherited by FROM <stage>', async () => {
    const analysis = await predict('FROM scratch AS base\nENV D=/srv\nFROM base\nCOPY x $D/\n', { x: '1' });
    assert.deepEqual(changesAt(analysis, 4), ['/srv added directory', '/srv/x added file']);
  });

  it('${NAME:?} on an unset variable is a problem on its line', async () => {
    const analysis = await predict('FROM scratch\nCOPY x /${NAME:?set NAME}\n', { x: '1' });
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.message}`), ['2 NAME: set NAME']);
  });
});
