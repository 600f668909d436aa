import { type Reading, StatusCode } from '@city/domain';
import { decodePoint, findPoint, type Point, registerCount } from '@city/hardware/profiles';
import type { ModbusDeviceConfig } from '../../config';
import { type FieldError, type ModbusClient, toFieldError } from './client';
import { type BlockRead, planBlockReads } from './plan';
import { profileOf } from './profile';

interface BoundPoint extends Point {
  channelId: string;
}

export interface PollResult {
  readings: Reading[];
  /** Failed block reads this cycle; the points they cover carry a bad status. */
  errors: FieldError[];
}

/** How a failed read shows on every point it covered: the nearest OPC UA StatusCode. */
export function statusOfFailure(error: FieldError): number {
  switch (error.kind) {
    case 'timeout':
      return StatusCode.BadTimeout;
    case 'connection':
      return StatusCode.BadNoCommunication;
    case 'exception':
      return StatusCode.BadDeviceFailure;
  }
}

/**
 * One Modbus device as the gateway sees it: its profile's points bound to channels, planned into block
 * reads once. A poll never throws: a failure becomes a bad status on the points it affected.
 */
export class ModbusDevice {
  readonly id: string;
  private readonly blocks: BlockRead<BoundPoint>[];
  /** When the last stale marker was stamped; no reading of this device may share its millisecond. */
  private lastMarkerMs = Number.NEGATIVE_INFINITY;

  /** `clock` stamps the readings (epoch ms): the wall clock, or a replay's clock. */
  constructor(
    private readonly config: ModbusDeviceConfig,
    private readonly client: ModbusClient,
    private readonly clock: () => number = Date.now,
  ) {
    this.id = config.id;
    const profile = profileOf(config);
    const bound = config.points.map(({ point, channelId }) => ({ ...findPoint(profile, point), channelId }));
    this.blocks = planBlockReads(bound);
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  /** Readings that say "no fresh value since": quality UncertainLastUsableValue, no value. */
  staleMarkers(channelIds: readonly string[]): Reading[] {
    this.lastMarkerMs = this.clock();
    const sourceTime = new Date(this.lastMarkerMs);
    return channelIds.map((channelId) => ({
      channelId,
      value: null,
      statusCode: StatusCode.UncertainLastUsableValue,
      sourceTime,
    }));
  }

  async poll(): Promise<PollResult> {
    const readings: Reading[] = [];
    const errors: FieldError[] = [];
    for (const block of this.blocks) {
      // A read that began in the very millisecond a stale marker was stamped is stamped 1 ms later:
      // (channel, time) is the database's key, and the marker must not take the reading's place.
      const sourceTime = new Date(Math.max(this.clock(), this.lastMarkerMs + 1));
      try {
        const words = await this.client.read(this.config.unitId, block.table, block.address, block.count);
        for (const { point, offset } of block.points)
          readings.push(decoded(point, words, offset, sourceTime));
      } catch (error) {
        const fieldError = toFieldError(error);
        errors.push(fieldError);
        const statusCode = statusOfFailure(fieldError);
        for (const { point } of block.points) {
          readings.push({ channelId: point.channelId, value: null, statusCode, sourceTime });
        }
      }
    }
    return { readings, errors };
  }
}

function decoded(point: BoundPoint, words: readonly number[], offset: number, sourceTime: Date): Reading {
  const slice = words.slice(offset, offset + registerCount(point));
  try {
    const value = decodePoint(point, slice);
    if (!Number.isFinite(value)) {
      return { channelId: point.channelId, value: null, statusCode: StatusCode.BadDecodingError, sourceTime };
    }
    return { channelId: point.channelId, value, statusCode: StatusCode.Good, sourceTime };
  } catch {
    return { channelId: point.channelId, value: null, statusCode: StatusCode.BadDecodingError, sourceTime };
  }
}
