import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AMSTERDAM_CITY_FILE, loadCity } from '@city/hardware/city';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMPOSE_FILE, composeText, REPO_ROOT, writeMissingSecrets } from './files';
import { gatewaysOf, OWNER_ROLE, WEB_ROLE } from './services';

interface Service {
  environment?: Record<string, string>;
  secrets?: string[];
  ports?: string[];
  command?: string[];
  networks?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
}

const city = loadCity(AMSTERDAM_CITY_FILE);
const committed = readFileSync(COMPOSE_FILE, 'utf8');
const compose = parse(committed) as ComposeFile;
const services = Object.entries(compose.services);
const userOf = (service: Service) => {
  const url = service.environment?.DATABASE_URL;
  return url === undefined ? undefined : new URL(url).username;
};

describe('docker-compose.yml runs the demo city as a city would', () => {
  it('is what "npm run compose" writes from the city file now, so it cannot drift from the city', () => {
    expect(committed, 'run "npm run compose" and commit docker-compose.yml').toBe(
      composeText(city, AMSTERDAM_CITY_FILE),
    );
  });

  it('runs one gateway per cabinet, each under its own role and with only its own secret', () => {
    const gateways = services.filter(([, service]) => service.environment?.GATEWAY_CABINET);
    expect(gateways.map(([, s]) => s.environment?.GATEWAY_CABINET).sort()).toEqual(
      city.cabinets.map((cabinet) => cabinet.id).sort(),
    );
    const provision = compose.services.provision?.command?.join('\n') ?? '';
    for (const [name, service] of gateways) {
      const gw = gatewaysOf(city).find((g) => g.cabinetId === service.environment?.GATEWAY_CABINET);
      expect(gw?.service).toBe(name);
      expect(userOf(service)).toBe(gw?.role);
      expect(service.secrets).toEqual([gw?.secret]);
      expect(service.environment?.DATABASE_PASSWORD_FILE).toBe(`/run/secrets/${gw?.secret}`);
      expect(service.networks).toEqual(['field', 'data']);
      // provision gives that role the password in that secret, for that gateway id.
      expect(provision).toContain(
        `db-role create ${gw?.gatewayId} --role ${gw?.role} --password-file /run/secrets/${gw?.secret} --city hardware/city/amsterdam.yaml --cabinet ${gw?.cabinetId}\n`,
      );
    }
    const roles = gateways.map(([, service]) => userOf(service));
    expect(new Set(roles).size).toBe(city.cabinets.length);
    const secrets = gateways.flatMap(([, service]) => service.secrets);
    expect(new Set(secrets).size).toBe(city.cabinets.length);
  });

  it('lets no service but provision sign in as the superuser, nor read its password, and the web has a role of its own', () => {
    for (const [name, service] of services) {
      if (name !== 'provision') expect(userOf(service), name).not.toBe(OWNER_ROLE);
      if (!['provision', 'timescaledb'].includes(name))
        expect(service.secrets ?? [], name).not.toContain('db-owner');
    }
    expect(userOf(compose.services.provision ?? {})).toBe(OWNER_ROLE);
    expect(userOf(compose.services.web ?? {})).toBe(WEB_ROLE);
    expect(compose.services.provision?.command?.[0]).toContain(
      `--web-role ${WEB_ROLE} --password-file /run/secrets/db-web`,
    );
  });

  it('publishes no database port (only the web server is published), and keeps the cabinets off the data zone', () => {
    expect(compose.services.timescaledb?.ports).toBeUndefined();
    const published = services.filter(([, service]) => service.ports).map(([name]) => name);
    expect(published).toEqual(['web']);
    expect(compose.services.cabinets?.networks).toEqual(['field']);
    expect(compose.services.web?.networks).toEqual(['data']);
  });

  it('holds no password: URLs name none, passwords are files under secrets/, and no variable defaults (a password fallback)', () => {
    for (const [name, service] of services) {
      const url = service.environment?.DATABASE_URL;
      if (url) expect(new URL(url).password, name).toBe('');
      for (const key of Object.keys(service.environment ?? {})) {
        expect(key, `${name}: a secret belongs in a file`).not.toMatch(/PASSWORD$|SECRET$/);
      }
    }
    expect(committed).not.toMatch(/\$\{|postgres:\/\/[^@\s]*:[^@\s]*@/);
    for (const secret of Object.values(compose.secrets))
      expect(secret.file).toMatch(/^\.\/secrets\/[a-z0-9-]+$/);
  });
});

describe('the compose files as docker-compose reads them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'city-compose-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const present = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;

  it('writes every secret the file names, 0644 in a 0700 folder, and never overwrites one', () => {
    const written = writeMissingSecrets(city, dir);
    expect(written).toHaveLength(Object.keys(compose.secrets).length + 1);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'secrets', 'db-web')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(dir, 'secrets', 'db-web'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, 'secrets', 'web.env'), 'utf8')).toMatch(/^CLUSTER_SECRET=[0-9a-f]{64}\n$/);
    writeFileSync(join(dir, 'secrets', 'db-web'), 'kept');
    expect(writeMissingSecrets(city, dir)).toEqual([]);
    expect(readFileSync(join(dir, 'secrets', 'db-web'), 'utf8')).toBe('kept');
  });

  const validates = 'validates with "docker-compose config", and the override alone publishes 5432';
  it.skipIf(!present)(
    present ? validates : `${validates} (skipped: no docker-compose binary on PATH)`,
    () => {
      writeMissingSecrets(city, dir);
      for (const file of ['docker-compose.yml', 'docker-compose.db-port.yml']) {
        copyFileSync(join(REPO_ROOT, file), join(dir, file));
      }
      const config = (...files: string[]) =>
        execFileSync('docker-compose', [...files.flatMap((f) => ['-f', f]), 'config'], {
          cwd: dir,
          encoding: 'utf8',
        });
      const plain = parse(config('docker-compose.yml')) as ComposeFile;
      expect(plain.services.timescaledb?.ports).toBeUndefined();
      const withPort = parse(config('docker-compose.yml', 'docker-compose.db-port.yml')) as ComposeFile;
      expect(withPort.services.timescaledb?.ports).toEqual(['127.0.0.1:5432:5432/tcp']);
    },
  );
});
