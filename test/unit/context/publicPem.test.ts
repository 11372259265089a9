import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPublicPemFile, PEM_READ_BYTES } from '../../../src/core/context/publicPem';
import { makePemPair, relabel } from '../predict/run/pemFiles';
import { makeTree, removeTree } from './tempTree';

describe('public PEM files', () => {
  const { certificate, privateKey } = makePemPair();
  let root = '';

  before(() => {
    root = makeTree({});
  });
  after(() => removeTree(root));

  /** Writes `content` to `name` in the temporary context and judges it. */
  function judge(name: string, content: string | Buffer): boolean {
    writeFileSync(join(root, name), content);
    return isPublicPemFile(root, name);
  }

  const publicCases: Array<[string, string]> = [
    ['certificate', certificate],
    ['CA bundle with comments', `# Issuer: CN=test\n${certificate}\n# Issuer: CN=other\n${certificate}`],
    ['certificate revocation list', relabel(certificate, 'X509 CRL')],
    ['public key', relabel(certificate, 'PUBLIC KEY')],
  ];
  for (const [title, content] of publicCases) {
    it(`${title} is public`, () => {
      assert.equal(judge('public.pem', content), true);
    });
  }

  const secretCases: Array<[string, string]> = [
    ['PKCS #8 private key', privateKey],
    ['certificate followed by its key', certificate + privateKey],
    ['RSA private key', relabel(privateKey, 'RSA PRIVATE KEY')],
    ['EC private key', relabel(privateKey, 'EC PRIVATE KEY')],
    ['encrypted private key', relabel(privateKey, 'ENCRYPTED PRIVATE KEY')],
    ['OpenSSH private key', relabel(privateKey, 'OPENSSH PRIVATE KEY')],
    ['key quoted in JSON after a certificate', `${certificate}{"key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----"}\n`],
    ['block of a label not known to be public', relabel(certificate, 'SECRET')],
    ['text that is not PEM', 'not a certificate\n'],
    ['empty file', ''],
  ];
  for (const [title, content] of secretCases) {
    it(`${title} is not public`, () => {
      assert.equal(judge('secret.pem', content), false);
    });
  }

  it('DER bytes are not public', () => {
    assert.equal(judge('binary.pem', Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01])), false);
  });

  it('bundle longer than the read limit', () => {
    // A key could follow the certificates past the bytes read, so such a file is not judged public.
    const padding = `# ${'x'.repeat(78)}\n`.repeat(Math.ceil(PEM_READ_BYTES / 80));
    assert.equal(judge('large.pem', certificate + padding + certificate), false);
  });

  it('symlink, FIFO, folder and missing file', () => {
    const tree = makeTree({ 'certs/ca.pem': certificate, 'link.pem': { link: 'certs/ca.pem' }, 'pipe.pem': { fifo: true }, 'folder.pem/': '' });
    try {
      assert.equal(isPublicPemFile(tree, 'certs/ca.pem'), true);
      // A link's target may lie outside the context, and a FIFO would block a read.
      assert.equal(isPublicPemFile(tree, 'link.pem'), false);
      assert.equal(isPublicPemFile(tree, 'pipe.pem'), false);
      assert.equal(isPublicPemFile(tree, 'folder.pem'), false);
      assert.equal(isPublicPemFile(tree, 'missing.pem'), false);
    } finally {
      removeTree(tree);
    }
  });
});
