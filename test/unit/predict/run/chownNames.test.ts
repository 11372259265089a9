/** RUN chown and chgrp by name: numbers from /etc/passwd and /etc/group as the script has them at that point. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { ownerAt, predict, removeContexts, stepAt } from '../helpers';

function notesAt(analysis: Analysis, line: number): string {
  return stepAt(analysis, line).notes.join('\n');
}

const passwd = 'root:x:0:0:root:/root:/bin/sh\nwww:x:33:33::/var/www:/bin/sh\n';
const group = 'root:x:0:\nwww:x:33:\n';
const appendWww = "echo 'www:x:1001:1001::/home/www:/bin/sh' >> /etc/passwd && echo 'www:x:1001:' >> /etc/group";

describe('RUN chown by name', () => {
  after(removeContexts);

  it('appended earlier in the RUN, as an estimate', async () => {
    const analysis = await predict(`FROM alpine:3.20\nRUN ${appendWww} && mkdir /data && chown www:www /data\n`);
    assert.equal(ownerAt(analysis, 2, '/data'), '1001:1001 estimated');
    assert.match(notesAt(analysis, 2), /chown: "www:www" is found in lines a RUN appended to \/etc\/passwd or \/etc\/group, whose earlier content is not known/);
  });

  it('appended after a copied /etc/passwd, exactly', async () => {
    const files = { passwd: 'root:x:0:0:root:/root:/bin/sh\n', group: 'root:x:0:\n' };
    const analysis = await predict(`FROM shell-only\nCOPY passwd group /etc/\nRUN ${appendWww} && mkdir /data && chown www:www /data\n`, files);
    assert.equal(ownerAt(analysis, 3, '/data'), '1001:1001 exact');
    assert.doesNotMatch(notesAt(analysis, 3), /chown/);
  });

  it('earlier line for the name wins', async () => {
    const analysis = await predict(`FROM shell-only\nCOPY passwd group /etc/\nRUN ${appendWww} && mkdir /data && chown www:www /data\n`, { passwd, group });
    assert.equal(ownerAt(analysis, 3, '/data'), '33:33 exact');
  });

  it('group from /etc/group', async () => {
    const script = "echo 'app:x:1001:1001::/srv:/bin/sh' >> /etc/passwd && echo 'web:x:2002:' >> /etc/group && mkdir /a /b && chown app:web /a && chgrp web /b";
    const analysis = await predict(`FROM shell-only\nCOPY passwd group /etc/\nRUN ${script}\n`, { passwd, group });
    assert.equal(ownerAt(analysis, 3, '/a'), '1001:2002 exact');
    assert.equal(ownerAt(analysis, 3, '/b'), '0:2002 exact');
  });

  it('user: takes the login group', async () => {
    const script = "echo 'app:x:1001:1500::/srv:/bin/sh' >> /etc/passwd && mkdir /data && chown app: /data";
    const analysis = await predict(`FROM shell-only\nCOPY passwd group /etc/\nRUN ${script}\n`, { passwd, group });
    assert.equal(ownerAt(analysis, 3, '/data'), '1001:1500 exact');
  });

  it('only lines appended before the chown', async () => {
    const script = "mkdir /a /b && chown app /a && echo 'app:x:1001:1001::/srv:/bin/sh' >> /etc/passwd && chown app /b";
    const analysis = await predict(`FROM shell-only\nCOPY passwd group /etc/\nRUN ${script}\n`, { passwd, group });
    assert.equal(ownerAt(analysis, 3, '/a'), '?:0 estimated');
    assert.equal(ownerAt(analysis, 3, '/b'), '1001:0 exact');
    assert.match(notesAt(analysis, 3), /chown: "app" is a name; its number comes from the image's \/etc\/passwd or \/etc\/group, which does not list it\./);
  });

  it('lines of a known base file, in a later RUN', async () => {
    const analysis = await predict('FROM shell-only\nCOPY passwd group /etc/\nRUN mkdir /data\nRUN chown www:www /data\n', { passwd, group });
    assert.equal(ownerAt(analysis, 4, '/data'), '33:33 exact');
  });

  it('addgroup -g and adduser -u', async () => {
    const script = 'addgroup -g 1001 -S www && adduser -u 1001 -S -G www www && mkdir /data && chown -R www:www /data';
    const analysis = await predict(`FROM alpine:3.20\nRUN ${script}\n`);
    assert.match(ownerAt(analysis, 2, '/data'), /^1001:1001 /);
    assert.doesNotMatch(notesAt(analysis, 2), /chown/);
  });

  it('useradd -u guesses the group number', async () => {
    const analysis = await predict('FROM debian:12\nRUN useradd -u 1001 www && mkdir /data && chown www:www /data\n');
    assert.equal(ownerAt(analysis, 2, '/data'), '1001:1001 estimated');
    assert.match(notesAt(analysis, 2), /chown: "www:www" takes the number that useradd usually gives the group it makes for a new user/);
  });

  it('useradd without -u', async () => {
    const analysis = await predict('FROM debian:12\nRUN useradd www && mkdir /data && chown www /data\n');
    assert.match(ownerAt(analysis, 2, '/data'), /^\?:0 /);
    assert.match(notesAt(analysis, 2), /chown: "www" is a name; useradd adds it in this RUN with a number it chooses/);
  });

  it('useradd -U takes no value', async () => {
    const analysis = await predict('FROM debian:12\nRUN useradd -U -u 1001 www && mkdir /data && chown www /data\n');
    assert.match(ownerAt(analysis, 2, '/data'), /^1001:0 /);
  });

  it('useradd keeps the names it does not add', async () => {
    const analysis = await predict('FROM shell-only\nCOPY passwd group /etc/\nRUN useradd -u 1001 app; mkdir /data; chown www:www /data\n', { passwd, group });
    assert.match(ownerAt(analysis, 3, '/data'), /^33:33 /);
  });
});

describe('RUN install -o and -g', () => {
  after(removeContexts);

  it('numbers set the owner of install -d', async () => {
    const analysis = await predict('FROM shell-only\nRUN install -m 0750 -o 1000 -g 1000 -d /var/lib/app\n');
    assert.equal(ownerAt(analysis, 2, '/var/lib/app'), '1000:1000 exact');
    assert.equal(ownerAt(analysis, 2, '/var/lib'), '0:0 exact');
    assert.doesNotMatch(notesAt(analysis, 2), /install/);
  });

  it('user name from /etc/passwd, group kept', async () => {
    const analysis = await predict('FROM shell-only\nCOPY passwd group tool /etc/\nRUN install -m 0640 -o www /etc/tool /etc/tool.bak\n', { passwd, group, tool: 'x' });
    assert.equal(ownerAt(analysis, 3, '/etc/tool.bak'), '33:0 exact');
    assert.doesNotMatch(notesAt(analysis, 3), /install/);
  });

  it('group name from /etc/group', async () => {
    const analysis = await predict('FROM shell-only\nCOPY passwd group tool /etc/\nRUN install --group=www /etc/tool /etc/tool.bak\n', { passwd, group, tool: 'x' });
    assert.equal(ownerAt(analysis, 3, '/etc/tool.bak'), '0:33 exact');
  });

  it('unknown name gives an unknown owner', async () => {
    const analysis = await predict('FROM shell-only\nCOPY passwd group tool /etc/\nRUN install -o nobody -d /srv/data\n', { passwd, group, tool: 'x' });
    assert.equal(ownerAt(analysis, 3, '/srv/data'), '?:0 estimated');
    assert.match(notesAt(analysis, 3), /install: "nobody" is a name; its number comes from the image's \/etc\/passwd or \/etc\/group, which does not list it\./);
  });
});
