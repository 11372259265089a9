/** PEM texts for tests of the credential checks, made by openssl where it is installed. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate and its private key, as PEM text. */
export interface PemPair {
  certificate: string;
  privateKey: string;
}

/** The same shapes written by hand, for hosts without openssl: only the block labels matter to the checks. */
const handWritten: PemPair = {
  certificate: '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUYWJjZGVmZ2hpamtsbW5vcHFyc3QwCgYIKoZIzj0EAwIw\nDzENMAsGA1UEAwwEdGVzdDAeFw0yNjAxMDEwMDAwMDBaFw0yNjAxMDIwMDAwMDBa\n-----END CERTIFICATE-----\n',
  privateKey: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7dGVzdGtleWJv\nZHlub3RhcmVhbGtleWJ1dGxvb2tzbGlrZW9uZWFuZHRoYXRpc2Vub3VnaGZvcnRo\n-----END PRIVATE KEY-----\n',
};

/** Makes a fresh certificate and key with `openssl req -x509`, or returns hand-written ones when openssl is missing. */
export function makePemPair(): PemPair {
  const folder = mkdtempSync(join(tmpdir(), 'layer-lens-pem-'));
  const keyFile = join(folder, 'key.pem');
  const certificateFile = join(folder, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certificateFile, '-subj', '/CN=test', '-days', '1'], { stdio: 'ignore' });
    return { certificate: readFileSync(certificateFile, 'utf8'), privateKey: readFileSync(keyFile, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return handWritten;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Replaces the first line of a PEM block with `label`, such as `RSA PRIVATE KEY`, keeping its body. */
export function relabel(pem: string, label: string): string {
  return pem.replace(/-----BEGIN [^-]+-----/, `-----BEGIN ${label}-----`).replace(/-----END [^-]+-----/, `-----END ${label}-----`);
}
