import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { severityOf } from '@city/domain';
import { AMSTERDAM_CITY_FILE, findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModbusRtuDevice } from '../config';
import { gatewayConfigForCabinet } from '../from-city';
import { type RunningGateway, startGateway } from '../gateway';

/**
 * A dead slave on an RTU bus: the Rokin cabinet's four controllers share one serial line (a socat
 * pty pair standing in for the RS-485 cable). One stops answering; it costs its timeout per cycle and
 * shows bad quality, and the other three keep their poll rate within 10%.
 */
// A cycle of four slaves, one of them timing out, fits well inside the interval even on a busy machine.
const POLL_MS = 1_000;
const TIMEOUT_MS = 100;
const WINDOW_MS = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'city-dead-slave-'));
let socat: ChildProcess | undefined;
let target: TestDatabase | undefined;
let cabinet: RunningCabinet | undefined;
let gateway: RunningGateway | undefined;
afterAll(async () => {
  await gateway?.stop();
  await cabinet?.stop();
  socat?.kill();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a dead slave on an RTU bus', () => {
  it('costs only its own timeout: the other slaves keep their poll rate', async () => {
    socat = spawn('socat', [`pty,raw,echo=0,link=${dir}/cabinet`, `pty,raw,echo=0,link=${dir}/gateway`]);
    socat.once('error', () => {});
    for (let tries = 0; !(existsSync(`${dir}/cabinet`) && existsSync(`${dir}/gateway`)); tries++) {
      if (tries > 100) throw new Error('socat made no pty pair (apt-get install socat)');
      await wait(50);
    }
    const city = loadCity(AMSTERDAM_CITY_FILE);
    const rokin = findCabinet(city, 'cab-rokin');
    target = await createTestDatabase('postgres');
    cabinet = await startCabinet(rokin, { port: 0, rtu: { path: `${dir}/cabinet`, baudRate: 19_200 } });
    const { config, provision } = gatewayConfigForCabinet(city, rokin.id, { pollIntervalMs: POLL_MS });
    const onTheBus = {
      ...config,
      devices: config.devices.flatMap((device): ModbusRtuDevice[] =>
        device.protocol === 'opcua'
          ? []
          : [
              {
                id: device.id,
                protocol: 'modbus-rtu',
                serial: {
                  path: `${dir}/gateway`,
                  baudRate: 19_200,
                  parity: 'none',
                  dataBits: 8,
                  stopBits: 1,
                },
                unitId: device.unitId,
                profile: device.profile,
                pollIntervalMs: POLL_MS,
                timeoutMs: TIMEOUT_MS,
                heartbeatMs: 60_000,
                points: device.points,
              },
            ],
      ),
    };
    gateway = await startGateway({
      db: target.db,
      config: onTheBus,
      provision,
      logger: pino({ level: 'silent' }),
    });
    const polls = () =>
      Object.fromEntries(Object.entries(gateway?.stats().devices ?? {}).map(([id, s]) => [id, s.polls]));
    const failed = () =>
      Object.fromEntries(
        Object.entries(gateway?.stats().devices ?? {}).map(([id, s]) => [id, s.failedPolls]),
      );
    const rate = async () => {
      const before = polls();
      await wait(WINDOW_MS);
      const after = polls();
      return Object.fromEntries(
        Object.keys(after).map((id) => [id, ((after[id] ?? 0) - (before[id] ?? 0)) / (WINDOW_MS / 1000)]),
      );
    };

    // Settled: a first request may time out while a loaded machine opens the bus; none may after.
    await wait(1_500);
    const failedWhileSettling = failed();
    const healthy = await rate();
    const [dead, ...alive] = rokin.devices.map((device) => device.id);
    expect(failed(), 'no failures on a healthy bus').toEqual(failedWhileSettling);
    cabinet.setFault(dead ?? '', { kind: 'no-response' });
    await wait(1_000);
    const failedBefore = failed()[dead ?? ''] ?? 0;
    const withDeadSlave = await rate();

    for (const id of alive) {
      expect(withDeadSlave[id], `${id} polls/s with a dead neighbour`).toBeGreaterThanOrEqual(
        0.9 * (healthy[id] ?? 0),
      );
      expect(failed()[id], id).toBe(0);
    }
    expect((failed()[dead ?? ''] ?? 0) - failedBefore).toBeGreaterThan(0);
    const { rows } = await target.db.query<{ status_code: number }>(
      `SELECT l.status_code FROM latest_readings l JOIN channels c ON c.num = l.channel
        WHERE c.id = 'sl-rokin-1/dim-level'`,
    );
    expect(severityOf(rows[0]?.status_code ?? 0)).toBe('bad');
  }, 90_000);
});
