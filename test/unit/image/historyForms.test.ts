import { strict as assert } from 'node:assert';
import { parseCreatedBy, parseHistory, type RecordedInstruction } from '../../../src/core/image/historyForms';

describe('parseCreatedBy', () => {
  const cases: Array<[string, string, Partial<RecordedInstruction>]> = [
    ['/bin/sh -c #(nop)  ENV DEST=/usr/share/site', '', { builder: 'classic', keyword: 'ENV', body: 'DEST=/usr/share/site' }],
    ['/bin/sh -e -c #(nop)  CMD ["-c" "echo hi"]', '', { builder: 'classic', keyword: 'CMD', body: '["-c" "echo hi"]' }],
    ['/bin/sh -c #(nop) COPY file:fa48 in /etc ', '', { builder: 'classic', keyword: 'COPY', body: 'file:fa48 in /etc' }],
    ['/bin/sh -c mkdir /chain', '', { builder: 'classic', keyword: 'RUN', command: 'mkdir /chain', shellForm: true, buildArgs: [] }],
    ['|2 A=1 B=two /bin/sh -c echo $A$B', '', { builder: 'classic', keyword: 'RUN', invocation: '/bin/sh -c echo $A$B', command: 'echo $A$B', shellForm: true, buildArgs: [['A', '1'], ['B', 'two']] }],
    ['/bin/bash -o pipefail -c curl x | sh', '', { builder: 'classic', keyword: 'RUN', command: 'curl x | sh', shellForm: true }],
    ['echo exec form', '', { builder: 'classic', keyword: 'RUN', command: 'echo exec form', shellForm: false }],
    ['/bin/sh -c #(nop) WORKDIR static', 'FROM 4cc7a10442c6', { builder: 'buildah', keyword: 'WORKDIR', body: 'static' }],
    ['/bin/sh -c touch marker', 'FROM a77ee82326eb', { builder: 'buildah', keyword: 'RUN', command: 'touch marker' }],
    ['RUN |1 A=1 /bin/sh -c make # buildkit', 'buildkit.dockerfile.v0', { builder: 'buildkit', keyword: 'RUN', command: 'make', shellForm: true, buildArgs: [['A', '1']] }],
    ['COPY app/ /srv/ # buildkit', 'buildkit.dockerfile.v0', { builder: 'buildkit', keyword: 'COPY', body: 'app/ /srv/' }],
    ['WORKDIR /app', 'buildkit.dockerfile.v0', { builder: 'buildkit', keyword: 'WORKDIR', body: '/app' }],
    ['RUN apt-get update', '', { builder: 'kaniko', keyword: 'RUN', command: 'apt-get update' }],
    ['', 'Imported from -', { builder: null, keyword: null }],
  ];
  for (const [createdBy, comment, expected] of cases) {
    it(createdBy || '(empty)', () => {
      const recorded = parseCreatedBy(createdBy, comment);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(recorded[key as keyof RecordedInstruction], value, key);
    });
  }
});

describe('parseHistory', () => {
  // buildah 1.28.2 writes the comment `FROM <parent>` on every entry but the first one of an image
  // built FROM scratch (test/fixtures/images/buildah-args/args.buildah.tar).
  const scratchFirst = { createdBy: '/bin/sh -c #(nop) ARG ' };
  const buildahNext = { createdBy: '/bin/sh -c #(nop) ARG VERSION', comment: 'FROM a183df7ae5d0' };

  it('buildah FROM scratch first entry', () => {
    assert.deepEqual(parseHistory([scratchFirst, buildahNext]).map((item) => item.builder), ['buildah', 'buildah']);
  });

  it('classic entries stay classic', () => {
    const classicNext = { createdBy: '/bin/sh -c #(nop)  ARG VERSION=1.2.3' };
    assert.deepEqual(parseHistory([scratchFirst, classicNext]).map((item) => item.builder), ['classic', 'classic']);
  });

  it('commented first entry keeps its builder', () => {
    const imported = { createdBy: '/bin/sh -c #(nop) ADD file:5b1e in / ', comment: 'Imported from -' };
    assert.deepEqual(parseHistory([imported, buildahNext]).map((item) => item.builder), ['classic', 'buildah']);
  });
});
