/**
 * docker-compose.yml, generated from a city description: one gateway service per cabinet, each
 * signing in as a database role of its own, so the compose file cannot drift from the city
 * (compose.test.ts holds the committed file equal to what this writes). `npm run compose` writes it.
 */
import { gatewayConfigForCabinet } from '@city/gateway';
import type { City } from '@city/hardware/city';

/** The superuser the TimescaleDB image creates, and the owner of the schema: provision alone signs in as it. */
export const OWNER_ROLE = 'city';
/** The web server's login role, a member of city_web (db:migrate --web-role). */
export const WEB_ROLE = 'city_web_login';
const DATABASE = 'city';
const HEALTH_PORT = 9102;
/** CLUSTER_SECRET for the web server, as an env file: web/src/server/env.ts reads it from the environment. */
export const WEB_ENV_FILE = 'secrets/web.env';

export interface ComposeGateway {
  cabinetId: string;
  gatewayId: string;
  service: string;
  role: string;
  secret: string;
  modbusPort: number;
}

/** What the compose file needs to know of each cabinet's gateway; names derive from the cabinet id. */
export function gatewaysOf(city: City): ComposeGateway[] {
  return city.cabinets.map((cabinet) => {
    const role = `gw_${cabinet.id.replaceAll('-', '_')}`;
    // A role name longer than 63 bytes would be cut short by the server, and two could collide.
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) {
      throw new Error(
        `cabinet "${cabinet.id}": its gateway role ${role} is no PostgreSQL name of at most 63 characters; shorten the id`,
      );
    }
    return {
      cabinetId: cabinet.id,
      gatewayId: gatewayConfigForCabinet(city, cabinet.id).config.gatewayId,
      service: `gateway-${cabinet.id}`,
      role,
      secret: `db-${cabinet.id}`,
      modbusPort: cabinet.modbus.port,
    };
  });
}

const secretPath = (name: string) => `/run/secrets/${name}`;
const databaseUrl = (role: string) => `postgres://${role}@timescaledb:5432/${DATABASE}`;
const build = (dockerfile: string) => ({ context: '.', dockerfile });
/** A healthcheck that runs node in the container (the images have no curl). */
function nodeCheck(script: string, intervalS: number, retries: number) {
  return { test: ['CMD', 'node', '-e', script], interval: `${intervalS}s`, timeout: '5s', retries };
}
const httpOk = (port: number) =>
  `fetch('http://127.0.0.1:${port}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;
const tcpOpen = (port: number) =>
  `require('net').connect(${port},'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))`;

/** The database. POSTGRES_PASSWORD_FILE is read only when the volume is empty, at the first start. */
function timescaledb() {
  return {
    image: 'timescale/timescaledb:2.23.0-pg17',
    environment: {
      POSTGRES_USER: OWNER_ROLE,
      POSTGRES_PASSWORD_FILE: secretPath('db-owner'),
      POSTGRES_DB: DATABASE,
    },
    secrets: ['db-owner'],
    volumes: ['timescaledb-data:/var/lib/postgresql/data'],
    networks: ['data'],
    healthcheck: {
      test: ['CMD-SHELL', `pg_isready -U ${OWNER_ROLE} -d ${DATABASE}`],
      interval: '5s',
      timeout: '3s',
      retries: 20,
    },
    restart: 'unless-stopped',
  };
}

/**
 * One-shot, on every `up`: migrations as the owner, then the web role and one role per gateway, each
 * with the password in its secret (set again each time, so a rewritten secret takes effect).
 * db-role also registers the cabinet's assets and channels from the city, which a gateway's own role
 * may not. The CLIs run as `node --import tsx` (`npm run db:migrate` and `npm run gateway` without
 * npm) because the image holds only the db, hardware and gateway workspaces.
 */
function provision(gateways: readonly ComposeGateway[], cityFile: string) {
  const steps = [
    `node --import tsx db/src/cli/migrate.ts --web-role ${WEB_ROLE} --password-file ${secretPath('db-web')}`,
    ...gateways.map(
      (gw) =>
        `node --import tsx gateway/src/cli.ts db-role create ${gw.gatewayId} --role ${gw.role} --password-file ${secretPath(gw.secret)} --city ${cityFile} --cabinet ${gw.cabinetId}`,
    ),
  ];
  return {
    build: build('gateway/Dockerfile'),
    image: 'city-gateway',
    entrypoint: ['sh', '-ec'],
    command: [`${steps.join('\n')}\n`],
    environment: {
      DATABASE_URL: databaseUrl(OWNER_ROLE),
      DATABASE_PASSWORD_FILE: secretPath('db-owner'),
      LOG_LEVEL: 'info',
    },
    secrets: ['db-owner', 'db-web', ...gateways.map((gw) => gw.secret)],
    networks: ['data'],
    depends_on: { timescaledb: { condition: 'service_healthy' } },
    restart: 'no',
  };
}

/** The virtual cabinets of the whole city in one process, on the ports the city file gives them. */
function cabinets(cityFile: string, firstPort: number) {
  return {
    build: build('hardware/Dockerfile'),
    command: [
      'node',
      '--import',
      'tsx',
      'hardware/simulators/cli.ts',
      '--city',
      cityFile,
      '--host',
      '0.0.0.0',
    ],
    networks: ['field'],
    healthcheck: nodeCheck(tcpOpen(firstPort), 5, 10),
    restart: 'unless-stopped',
  };
}

/** One cabinet's gateway: its own role, its own secret, its own buffer volume; on both zones. */
function gateway(gw: ComposeGateway, cityFile: string) {
  return {
    build: build('gateway/Dockerfile'),
    image: 'city-gateway',
    environment: {
      DATABASE_URL: databaseUrl(gw.role),
      DATABASE_PASSWORD_FILE: secretPath(gw.secret),
      LOG_LEVEL: 'info',
      GATEWAY_CITY_FILE: cityFile,
      GATEWAY_CABINET: gw.cabinetId,
      CABINET_HOST: 'cabinets',
      CABINET_PORT: String(gw.modbusPort),
      HEALTH_PORT: String(HEALTH_PORT),
      GATEWAY_BUFFER_PATH: '/var/lib/city-gateway/buffer.sqlite',
    },
    secrets: [gw.secret],
    volumes: [`${gw.service}-buffer:/var/lib/city-gateway`],
    networks: ['field', 'data'],
    depends_on: {
      provision: { condition: 'service_completed_successfully' },
      cabinets: { condition: 'service_healthy' },
    },
    healthcheck: nodeCheck(httpOk(HEALTH_PORT), 10, 6),
    restart: 'unless-stopped',
  };
}

/** The control room: its own non-superuser role; the only service published. */
function web() {
  return {
    build: build('web/Dockerfile'),
    environment: {
      DATABASE_URL: databaseUrl(WEB_ROLE),
      DATABASE_PASSWORD_FILE: secretPath('db-web'),
      LOG_LEVEL: 'info',
      PORT: '3000',
    },
    env_file: [WEB_ENV_FILE],
    secrets: ['db-web'],
    ports: ['3000:3000'],
    networks: ['data'],
    depends_on: { provision: { condition: 'service_completed_successfully' } },
    healthcheck: nodeCheck(httpOk(3000), 10, 6),
    restart: 'unless-stopped',
  };
}

/** Every secret file the compose file names, under secrets/ (gitignored; `npm run compose -- secrets`). */
export function secretNamesOf(city: City): string[] {
  return ['db-owner', 'db-web', ...gatewaysOf(city).map((gw) => gw.secret)];
}

/** The compose file as an object; cityFile is the city description's path from the repository root. */
export function composeFor(city: City, cityFile: string) {
  const gateways = gatewaysOf(city);
  const first = city.cabinets[0];
  if (!first) throw new Error(`${cityFile} has no cabinets: a compose file needs at least one`);
  return {
    services: {
      timescaledb: timescaledb(),
      provision: provision(gateways, cityFile),
      cabinets: cabinets(cityFile, first.modbus.port),
      ...Object.fromEntries(gateways.map((gw) => [gw.service, gateway(gw, cityFile)])),
      web: web(),
    },
    networks: {
      // The field zone: cabinets and their gateways; nothing in it reaches the internet or is published.
      field: { internal: true },
      // The data zone: the database and whoever signs in to it. The web server is on it only.
      data: {},
    },
    volumes: Object.fromEntries(
      ['timescaledb-data', ...gateways.map((gw) => `${gw.service}-buffer`)].map((name) => [name, {}]),
    ),
    secrets: Object.fromEntries(secretNamesOf(city).map((name) => [name, { file: `./secrets/${name}` }])),
  };
}
