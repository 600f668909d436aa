import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AMSTERDAM_CITY_FILE, loadCity } from '@city/hardware/city';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGatewayConfigFile } from '../config-file';
import { generatedConfigText } from '../from-city';

/** Each kind of mistake in a gateway config file, and the error it earns: file, line, field, what is expected. */
const GATEWAY_DIR = join(import.meta.dirname, '..', '..');
const CONFIG_DIR = join(GATEWAY_DIR, 'config');
const dir = mkdtempSync(join(tmpdir(), 'city-gateway-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = readFileSync(join(CONFIG_DIR, 'cab-vondelpark.yaml'), 'utf8');
const opcUa = readFileSync(join(CONFIG_DIR, 'cab-buiksloterham.yaml'), 'utf8');

function broken(name: string, text: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('gateway config files', () => {
  it('match what the city description generates, so the two cannot drift apart', () => {
    const city = loadCity(AMSTERDAM_CITY_FILE);
    for (const cabinet of ['cab-vondelpark', 'cab-rokin', 'cab-buiksloterham']) {
      const file = join(CONFIG_DIR, `${cabinet}.yaml`);
      expect(readFileSync(file, 'utf8'), `${file} is stale: regenerate it`).toBe(
        generatedConfigText(city, cabinet),
      );
      expect(loadGatewayConfigFile(file).devices.length).toBeGreaterThan(0);
    }
  });

  it.each([
    [
      'a YAML syntax error',
      good.replace('devices:', 'devices: [unclosed'),
      /\(yaml\): YAML syntax.*\[line \d+\]/,
    ],
    [
      'a misspelt field',
      good.replace('pollIntervalMs:', 'pollIntervalMS:'),
      /devices\[0\]\.pollIntervalMS: unknown field \(check the spelling\) \[line 10\]/,
    ],
    [
      'a port that is not a number',
      good.replace('port: 1502', 'port: fifteen'),
      /devices\[0\]\.port: expected .*number.* \[line 7\]/,
    ],
    [
      'an unknown profile',
      good.replace('profile: air-quality-station', 'profile: air-station'),
      /devices\[0\]\.profile: no profile "air-station"; expected one of .*air-quality-station/,
    ],
    [
      'a point the profile lacks',
      good.replace('point: pm10', 'point: pm1'),
      /devices\[0\]\.points\[1\]\.point: profile air-quality-station has no point "pm1"; expected one of no2, pm10/,
    ],
    [
      'a channel fed twice',
      good.replace('channelId: aq-vondelpark/pm10', 'channelId: aq-vondelpark/no2'),
      /channel "aq-vondelpark\/no2" is already fed by vondelpark-aq-logger\/no2/,
    ],
    [
      'a password in the file',
      `${good}database:\n  url: postgres://city:secret@db/city\n`,
      /database\.url: the database URL holds a password: set DATABASE_URL/,
    ],
    ['an empty file', '', /\(root\): expected a mapping/],
    [
      'an OPC UA endpoint that is no opc.tcp URL',
      opcUa.replace('endpointUrl: opc.tcp://', 'endpointUrl: http://'),
      /devices\[0\]\.endpointUrl: expected an endpoint URL such as opc\.tcp:\/\/10\.0\.0\.5:4840 \[line 6\]/,
    ],
    [
      'a security mode without a policy',
      opcUa.replace('policy: Basic256Sha256', 'policy: None'),
      /devices\[0\]\.security: mode None goes with policy None \(write both: security: \{ mode: None, policy: None \}\), and Sign or SignAndEncrypt need a policy/,
    ],
    [
      'security None without its policy',
      opcUa.replace('mode: SignAndEncrypt', 'mode: None').replace(/\n\s+policy: Basic256Sha256/, ''),
      /devices\[0\]\.security: mode None goes with policy None \(write both: security: \{ mode: None, policy: None \}\)/,
    ],
    [
      'a deprecated security policy',
      opcUa.replace('policy: Basic256Sha256', 'policy: Basic128Rsa15'),
      /devices\[0\]\.security\.policy: expected one of .*Basic256Sha256/,
    ],
    [
      'encryption without a place for certificates',
      opcUa.replace(/pki:\n {2}dir: .*\n/, '').replace(/buffer:\n {2}path: .*\n/, ''),
      /devices\[0\]\.security\.mode: SignAndEncrypt needs certificates kept on disk: add pki: \{ dir: .*, or a buffer\.path on disk/,
    ],
    [
      'a health address that is no IP address',
      `${good}health:\n  host: cabinet.local\n`,
      /health\.host: expected an IP address to listen on, e\.g\. 127\.0\.0\.1/,
    ],
    [
      'a malformed node id',
      opcUa.replace('nodeId: ns=1;s=buiksloterham-pump-plc.wet_well_level', 'nodeId: wet_well_level'),
      /devices\[0\]\.points\[0\]\.nodeId: expected an OPC UA node id such as ns=1;s=pump-1\.level/,
    ],
    [
      'a writable OPC UA node without a write range',
      opcUa.replace(
        /(start_level_lead\n\s+channelId: .*\n\s+writable: true\n)\s+writeRange:\n(\s+- .*\n){2}/,
        '$1',
      ),
      /devices\[0\]\.points\[\d+\]\.writeRange: ns=1;s=buiksloterham-pump-plc\.start_level_lead is writable but has no writeRange: add writeRange: \[min, max\].* \[line \d+\]/,
    ],
    [
      'inline registers that overlap',
      good.replace(
        'profile: air-quality-station',
        [
          'registers:',
          '      - { name: no2, label: NO2, metric: no2, unit: x, table: input-register, address: 0, type: float32, displayRange: [0, 200] }',
          '      - { name: pm10, label: PM10, metric: pm10, unit: x, table: input-register, address: 1, type: float32, displayRange: [0, 200] }',
        ].join('\n'),
      ),
      /devices\[0\]\.registers\[1\]\.address: input-register 1\.\.2 overlaps "no2" \(0\.\.1\) \[line \d+\]/,
    ],
    [
      'neither a profile nor registers',
      good.replace('profile: air-quality-station', ''),
      /devices\[0\]\.profile: missing: name a profile/,
    ],
    [
      'a deadband of unknown type',
      good.replace(
        'pollIntervalMs: 1000',
        'pollIntervalMs: 1000\n    deadband: { type: relative, value: 1 }',
      ),
      /devices\[0\]\.deadband\.type: expected one of absolute, percent \(got "relative"\) \[line 11\]/,
    ],
  ])('%s is refused with file, field and line', (name, text, expected) => {
    const file = broken(name.replaceAll(' ', '-'), text);
    // The message goes to logs: it must never repeat a secret it found.
    expect(() => loadGatewayConfigFile(file)).not.toThrow(/secret@/);
    expect(() => loadGatewayConfigFile(file)).toThrow(expected);
    expect(() => loadGatewayConfigFile(file)).toThrow(new RegExp(`${name.replaceAll(' ', '-')}\\.yaml`));
  });

  it('"gateway check" exits 2 and prints the problems; 0 and a summary for a good file', async () => {
    const run = promisify(execFile);
    const cli = (file: string) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check', file], { cwd: GATEWAY_DIR }).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
      );
    expect(await cli(join(CONFIG_DIR, 'cab-vondelpark.yaml'))).toMatchObject({
      code: 0,
      output: expect.stringMatching(/7 points: OK/),
    });
    const bad = broken('cli', good.replace('unitId: 1', 'unitId: 999'));
    expect(await cli(bad)).toMatchObject({
      code: 2,
      output: expect.stringMatching(/devices\[0\]\.unitId: .*255.*\[line 8\]/),
    });
  });
});
