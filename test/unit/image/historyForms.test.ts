import { strict as assert } from 'node:assert';
import { parseCreatedBy, type RecordedInstruction } from '../../../src/core/image/historyForms';

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
