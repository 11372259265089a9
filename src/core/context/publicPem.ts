/**
 * Telling a PEM file of public material, such as a CA bundle or a server certificate, from one
 * that holds a private key, by the labels of its blocks (`-----BEGIN CERTIFICATE-----`, the
 * textual encodings of RFC 7468).
 */
import { readFileHead } from '../files/fileHead';
import { contextHostPath } from './hostNames';

/**
 * The maximum bytes read of one file. A longer file is not judged, because a private key could
 * follow its certificates past the bytes read. The system CA bundle of Debian 12
 * (ca-certificates 20230311, 219,597 bytes) fits.
 */
export const PEM_READ_BYTES = 512 * 1024;

/** Labels of PEM blocks whose content is public: certificates, requests, CRLs, public keys and key parameters. */
const publicLabels: ReadonlySet<string> = new Set([
  'CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CRL', 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST',
  'PUBLIC KEY', 'RSA PUBLIC KEY', 'DH PARAMETERS', 'EC PARAMETERS',
]);

/**
 * Returns whether `text` has PEM blocks and all of them are public. A label is matched anywhere,
 * not only at the start of a line, so a key quoted inside a JSON string still counts as one.
 * NOTE: text between the blocks is not examined, apart from the words "PRIVATE KEY".
 */
export function isPublicPemText(text: string): boolean {
  const labels = [...text.matchAll(/-----BEGIN ([^\r\n-]*)-----/g)].map((match) => match[1]);
  return labels.length > 0 && labels.every((label) => publicLabels.has(label)) && !text.includes('PRIVATE KEY');
}

/**
 * Returns whether the file at `relativePath` (`/`-separated) under `root` is a PEM file of public
 * blocks alone. A file that cannot be read, is a symlink, or is longer than `PEM_READ_BYTES` is not.
 */
export function isPublicPemFile(root: string, relativePath: string): boolean {
  const head = readFileHead(contextHostPath(root, relativePath), PEM_READ_BYTES);
  if (!head || head.size > head.bytes.length) return false;
  // PEM text is ASCII. Latin-1 maps each byte to one character, so bytes that are not text decode too.
  return isPublicPemText(head.bytes.toString('latin1'));
}
