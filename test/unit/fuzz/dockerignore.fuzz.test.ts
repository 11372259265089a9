/**
 * Property-based tests of the `.dockerignore` parser and matcher: any text parses, any path
 * matches without throwing, and the context root is never excluded.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { IgnoreMatcher, parseDockerignore } from '../../../src/core/context/dockerignore';
import { fuzzParameters, fuzzTimeout } from './settings';

const RUNS = 300;

const patternPart = fc.constantFrom('*', '**', '?', '[a-z]', '[!x]', '[', ']', '\\', '!', '/', '.', '..', 'a', 'b', 'dir', '#', ' ', '\r', '\u0000', 'é');
const pattern = fc.array(fc.oneof(patternPart, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join(''));
const ignoreText = fc.array(pattern, { maxLength: 12 }).map((lines) => lines.join('\n'));
const contextPath = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'dir', '.hidden', 'x.txt', '[', '*', 'é'), fc.string({ minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 5 })
  .map((segments) => segments.map((segment) => (segment === '.' || segment === '..' ? '_' : segment.replace(/\//g, '_'))).join('/'));

describe('.dockerignore fuzz', () => {
  it('parse and match never throw', function () {
    this.timeout(fuzzTimeout(RUNS, 0.1));
    fc.assert(fc.property(ignoreText, fc.array(contextPath, { maxLength: 10 }), (text, paths) => {
      const patterns = parseDockerignore(text);
      for (const parsed of patterns) assert.ok(parsed.line >= 1 && parsed.line <= text.split('\n').length);
      const matcher = new IgnoreMatcher(patterns);
      assert.equal(matcher.isExcluded(''), false);
      for (const path of paths) {
        assert.equal(typeof matcher.isExcluded(path), 'boolean');
        assert.equal(typeof matcher.mayReincludeBelow(path), 'boolean');
      }
    }), fuzzParameters(RUNS));
  });

  it('walk order agrees with isExcluded', function () {
    this.timeout(fuzzTimeout(RUNS, 0.1));
    fc.assert(fc.property(ignoreText, contextPath, (text, path) => {
      // The walk matches each level with its parent's results; isExcluded does it all at once.
      const matcher = new IgnoreMatcher(parseDockerignore(text));
      const segments = path.split('/');
      let result = matcher.match(segments[0]);
      for (let depth = 2; depth <= segments.length; depth++) result = matcher.match(segments.slice(0, depth).join('/'), result.matches);
      assert.equal(result.excluded, matcher.isExcluded(path));
    }), fuzzParameters(RUNS));
  });
});
