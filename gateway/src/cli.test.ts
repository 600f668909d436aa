import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AMSTERDAM_CITY_FILE, findCabinet, loadCity } from '@city/hardware/city';
import { freePort, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGatewayConfigFile } from './config-file';

/** What a technician at the cabinet sees from `npm run gateway -- check` and `-- trust`. */
const GATEWAY_DIR = join(import.meta.dirname, '..');
const opcUaConfig = readFileSync(join(GATEWAY_DIR, 'config', 'cab-buiksloterham.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'city-gateway-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: GATEWAY_DIR }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );

function configFile(name: string, text: string): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** SHA-256 of a PEM certificate's DER bytes, worked out here independently of the CLI. */
function sha256Of(pemFile: string): string {
  const der = Buffer.from(readFileSync(pemFile, 'latin1').replace(/-----[^-]+-----|\s+/g, ''), 'base64');
  return (createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g) ?? []).join(':');
}

describe('gateway check and OPC UA security', () => {
  it('warns about every device that uses security None, naming the file, the device and the fix', async () => {
    const file = configFile(
      'insecure',
      opcUaConfig
        .replaceAll('mode: SignAndEncrypt', 'mode: None')
        .replaceAll('policy: Basic256Sha256', 'policy: None'),
    );
    const { code, stdout, stderr } = await cli('check', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/OK/);
    const warnings = stderr.split('\n').filter((line) => line.startsWith('WARNING'));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain(
      `WARNING ${file}: devices[0] (buiksloterham-pump-plc) talks OPC UA to opc.tcp://127.0.0.1:4841/city/cab-buiksloterham with security None`,
    );
    expect(warnings[0]).toContain('Fix: security: { mode: SignAndEncrypt, policy: Basic256Sha256 }');
  });

  it('signs and encrypts with Basic256Sha256 when the config says nothing about security, and does not warn', async () => {
    const file = configFile(
      'unsaid',
      opcUaConfig.replace(/\n\s+security:\n\s+mode: \w+\n\s+policy: \w+/g, ''),
    );
    expect(readFileSync(file, 'utf8')).not.toContain('security:');
    for (const device of loadGatewayConfigFile(file).devices) {
      expect(device.protocol === 'opcua' && device.security).toEqual({
        mode: 'SignAndEncrypt',
        policy: 'Basic256Sha256',
      });
    }
    const { code, stderr } = await cli('check', file);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('gateway trust', () => {
  it("shows each refused certificate's SHA-256 thumbprint, and the one it trusts", async () => {
    // A real OPC UA server's certificate, as a refused connection leaves it in <pki>/rejected.
    const serverPki = join(work, 'server-pki');
    const cabinet = await startCabinet(findCabinet(loadCity(AMSTERDAM_CITY_FILE), 'cab-buiksloterham'), {
      port: 0,
      opcua: { port: await freePort(), pkiDir: serverPki },
      logger: pino({ level: 'silent' }),
    });
    await cabinet.stop();
    const ownCerts = join(serverPki, 'own', 'certs');
    const serverCertificate = readdirSync(ownCerts).find((name) => name.endsWith('.pem')) ?? '';
    const gatewayPki = join(work, 'gateway-pki');
    const file = configFile(
      'trust',
      opcUaConfig.replace(/pki:\n {2}dir: .*\n/, `pki:\n  dir: ${gatewayPki}\n`),
    );

    expect((await cli('trust', file)).stdout).toBe(
      `no refused server certificates in ${gatewayPki}/rejected\n`,
    );

    const rejected = join(gatewayPki, 'rejected', 'cabinet-server.pem');
    mkdirSync(join(gatewayPki, 'rejected'), { recursive: true });
    cpSync(join(ownCerts, serverCertificate), rejected);
    const thumbprint = sha256Of(rejected);
    expect(thumbprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const listed = await cli('trust', file);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`  ${rejected}\n    SHA-256 ${thumbprint}\n`);

    const trusted = await cli('trust', file, rejected);
    expect(trusted).toMatchObject({ code: 0, stdout: expect.stringContaining(`SHA-256 ${thumbprint}`) });
    expect(trusted.stdout).toContain(`is now in ${gatewayPki}/trusted/certs`);
    expect(readdirSync(join(gatewayPki, 'trusted', 'certs')).length).toBe(1);

    const notACertificate = configFile('not-a-certificate', 'hello');
    expect(await cli('trust', file, notACertificate)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /not-a-certificate\.yaml: not an X\.509 certificate \(DER or PEM\), nothing trusted/,
      ),
    });
    expect(existsSync(join(gatewayPki, 'trusted', 'certs', 'not-a-certificate.yaml'))).toBe(false);
  }, 90_000);
});
