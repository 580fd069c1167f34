// A throwaway certificate authority and a server certificate it signs, made on every start
// and never committed. Clients trust the server only through NODE_EXTRA_CA_CERTS=<ca.pem>,
// exactly as they would trust a private CA in production: no "ignore TLS errors" switch.
//
// @peculiar/x509 v2 looks its services up through tsyringe, which needs the Reflect metadata
// API; the polyfill must be loaded before the library, hence the import order.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  /** PEM of the test CA, to hand to clients through NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly caPem: string;
  /** The server's certificate and private key (PEM) for node:https. */
  readonly certPem: string;
  readonly keyPem: string;
}

// ECDSA P-256 keys are generated in milliseconds (RSA-2048 takes ~100 ms each) and every
// TLS stack in use accepts them.
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const hour = 3_600_000;

/** Makes a CA and a leaf for 127.0.0.1, ::1 and localhost, and writes them into `dir`. */
export async function createTestCertificates(dir: string): Promise<TestCertificates> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  x509.cryptoProvider.set(webcrypto);
  // TLS checks validity against the real clock, not the server's injected one.
  const notBefore = new Date(Date.now() - hour);
  const notAfter = new Date(Date.now() + 30 * 24 * hour);
  const subtle = webcrypto.subtle;

  const caKeys = await subtle.generateKey(algorithm, false, ['sign', 'verify']);
  const caName = `CN=finagg SimpleFIN test CA ${randomBytes(4).toString('hex')}`;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: caName,
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const leafKeys = await subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: 'CN=localhost',
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
        { type: 'dns', value: 'localhost' },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', leafKeys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' });
  const certificates: TestCertificates = {
    caPath: join(dir, 'ca.pem'),
    caPem: ca.toString('pem'),
    certPem: leaf.toString('pem'),
    keyPem: typeof keyPem === 'string' ? keyPem : keyPem.toString('utf8'),
  };
  // The CA key is never written: nothing needs it after signing, so no one can mint more.
  writeFresh(certificates.caPath, certificates.caPem, 0o644);
  writeFresh(join(dir, 'server-cert.pem'), certificates.certPem, 0o644);
  writeFresh(join(dir, 'server-key.pem'), certificates.keyPem, 0o600);
  return certificates;
}

// A positive 64-bit serial (a leading 0 bit keeps the DER integer positive).
function serialNumber(): string {
  const bytes = randomBytes(8);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

// Removes a file left by an earlier start first, so the mode applies from creation: a key
// never exists, even for a moment, with the wider mode of an old file.
function writeFresh(path: string, text: string, mode: number): void {
  rmSync(path, { force: true });
  writeFileSync(path, text, { mode, flag: 'wx' });
  chmodSync(path, mode);
}
