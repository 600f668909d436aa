import { X509Certificate } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { GatewayConfig } from './config';

/**
 * The gateway's certificates (its own OPC UA identity and the servers it trusts) live on the same
 * disk as its durable buffer, never in a temporary directory: a temporary directory is emptied on
 * reboot (systemd's PrivateTmp= on every restart), which would give the gateway a new identity for
 * the PLC's administrator to trust again, and on a shared machine anyone may create it first and fill
 * its trust list.
 */

/** Where a gateway whose buffer is in memory (tests, the all-in-one demo) keeps them: under the working directory. */
export const IN_MEMORY_BUFFER_STATE_DIR = join('.data', 'gateway');

/**
 * pki.dir when the config names one; otherwise pki/<gatewayId> beside the durable buffer
 * (buffer.path), or under .data/gateway/ in the working directory when the buffer is in memory.
 * Relative paths are resolved against the working directory, as buffer.path is.
 */
export function pkiDirOf(config: Pick<GatewayConfig, 'gatewayId' | 'pki' | 'buffer'>): string {
  if (config.pki) return resolve(config.pki.dir);
  const stateDir =
    config.buffer.path === ':memory:' ? IN_MEMORY_BUFFER_STATE_DIR : dirname(config.buffer.path);
  return resolve(stateDir, 'pki', config.gatewayId);
}

/** A certificate's fingerprints, colon-separated hex as servers and UaExpert show them. */
export interface Thumbprints {
  sha256: string;
  /** What OPC UA itself calls the thumbprint (and node-opcua puts in file names). */
  sha1: string;
}

/** The thumbprints of a certificate given as DER or PEM; throws when the bytes are no X.509 certificate. */
export function thumbprintsOf(certificate: Buffer): Thumbprints {
  const parsed = new X509Certificate(certificate);
  return { sha256: parsed.fingerprint256, sha1: parsed.fingerprint };
}
