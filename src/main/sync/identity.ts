/**
 * This desk's own key pair and self-signed certificate, made at first start
 * and kept in its data folder (beside the database, not in it: a backup of the
 * database restored elsewhere never carries this desk's private key). Peers
 * pin the certificate's SHA-256 fingerprint; browsers on the LAN see it as the
 * station's HTTPS certificate.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generate } from 'selfsigned'

export interface DeskIdentity {
  /** PEM private key (EC P-256). */
  key: string
  /** PEM self-signed certificate. */
  cert: string
  /** SHA-256 of the certificate (DER), lower-case hex. */
  fingerprint: string
}

const FOLDER = 'identity'
const VALID_YEARS = 20

/** SHA-256 of a certificate's DER bytes, hex: the one form of fingerprint used everywhere. */
export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex')
}

export function fingerprintOfPem(pem: string): string {
  return fingerprintOf(new X509Certificate(pem).raw)
}

export function pemOf(der: Buffer): string {
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`
}

/** The desk's identity, made on first call (files written whole, then renamed: a crash leaves none or both). */
export async function loadIdentity(dataDir: string, deskId: string): Promise<DeskIdentity> {
  const folder = join(dataDir, FOLDER)
  const keyFile = join(folder, 'desk-key.pem')
  const certFile = join(folder, 'desk-cert.pem')
  if (existsSync(keyFile) && existsSync(certFile)) {
    const cert = readFileSync(certFile, 'utf8')
    return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: fingerprintOfPem(cert) }
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const now = new Date()
  const made = await generate([{ name: 'commonName', value: `EventDesk desk ${deskId}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600_000),
    notAfterDate: new Date(now.getTime() + VALID_YEARS * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true }
    ]
  })
  for (const [file, text] of [
    [keyFile, made.private],
    [certFile, made.cert]
  ] as const) {
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 })
    chmodSync(`${file}.tmp`, 0o600)
  }
  renameSync(`${keyFile}.tmp`, keyFile)
  renameSync(`${certFile}.tmp`, certFile)
  return { key: made.private, cert: made.cert, fingerprint: fingerprintOfPem(made.cert) }
}
