import * as assert from 'node:assert/strict';
import { formatBytes, formatLines, formatTallySize, shortImageName, joinWords, oneLineInstruction, plural } from '../../../src/extension/format';

describe('formatBytes', () => {
  const cases: Array<[number, string]> = [
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1536, '1.5 kB'],
    [123_456, '123 kB'],
    [99_949_999, '99.9 MB'],
    [3_200_000_000, '3.2 GB'],
    [999_950, '1.0 MB'],
    [5e15, '5000 TB'],
  ];
  for (const [bytes, expected] of cases) {
    it(`${bytes} bytes`, () => assert.equal(formatBytes(bytes), expected));
  }
});

describe('formatTallySize', () => {
  it('all sizes known', () => assert.equal(formatTallySize({ count: 2, bytes: 2048, unknownSizes: 0 }), '2.0 kB'));
  it('some sizes unknown', () => assert.equal(formatTallySize({ count: 3, bytes: 10, unknownSizes: 1 }), 'at least 10 B'));
  it('no known byte', () => assert.equal(formatTallySize({ count: 5, bytes: 0, unknownSizes: 4 }), 'size unknown'));
  it('open layer of known sizes', () => assert.equal(formatTallySize({ count: 2, bytes: 0, unknownSizes: 0 }, true), 'size unknown'));
});

describe('shortImageName', () => {
  it('archive path without reference', () => {
    assert.equal(shortImageName({ name: '/work/images/app.oci.tar', source: '/work/images/app.oci.tar' }), 'app.oci.tar');
  });
  it('layout folder on Windows', () => {
    assert.equal(shortImageName({ name: 'C:\\images\\layout\\', source: 'C:\\images\\layout\\' }), 'layout');
  });
  it('reference wins', () => assert.equal(shortImageName({ name: 'shop:1', source: '/work/images/shop.tar' }), 'shop:1'));
});

describe('oneLineInstruction', () => {
  it('joins continuation lines', () => {
    assert.equal(oneLineInstruction('RUN apt-get update \\\n    && apt-get install -y curl'), 'RUN apt-get update && apt-get install -y curl');
  });
  it('keeps only the heredoc opener', () => {
    assert.equal(oneLineInstruction('COPY <<EOF /etc/motd\nhello\nEOF'), 'COPY <<EOF /etc/motd');
  });
  it('cuts long text with an ellipsis', () => {
    const shortened = oneLineInstruction('RUN ' + 'x'.repeat(100), 20);
    assert.equal(shortened, 'RUN xxxxxxxxxxxxxxx…');
    assert.equal(shortened.length, 20);
  });
  it('handles CRLF continuations', () => {
    assert.equal(oneLineInstruction('ENV A=1 \\\r\n  B=2'), 'ENV A=1 B=2');
  });
});

describe('words', () => {
  it('plural of one', () => assert.equal(plural(1, 'path'), '1 path'));
  it('plural of many', () => assert.equal(plural(3, 'path'), '3 paths'));
  it('plural of an irregular noun', () => {
    assert.equal(plural(1, 'history entry', 'history entries'), '1 history entry');
    assert.equal(plural(2, 'history entry', 'history entries'), '2 history entries');
  });
  it('joinWords of three', () => assert.equal(joinWords(['4', '9', '12']), '4, 9 and 12'));
  it('joinWords of two', () => assert.equal(joinWords(['4', '9']), '4 and 9'));
  it('formatLines of a range', () => assert.equal(formatLines(4, 7), 'lines 4–7'));
  it('formatLines of one line', () => assert.equal(formatLines(4, 4), 'line 4'));
});
