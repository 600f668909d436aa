import { type Reading, severityOf } from '@city/domain';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SinkStats } from './sink/buffered-sink';

/**
 * The gateway's Prometheus metrics (served at /metrics): what it reads, how fast, what fails, what
 * waits in the buffer and how the database keeps up. One registry per gateway, so several gateways
 * in one process (the all-in-one demo) never mix their numbers.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly points: Counter<'device'>;
  private readonly quality: Counter<'quality'>;
  private readonly pollSeconds: Histogram<'device'>;
  private readonly pollErrors: Counter<'device' | 'kind'>;
  private readonly writeSeconds: Histogram;
  private readonly stalePoints: Counter<'device'>;

  constructor(gatewayId: string, sinkStats: () => SinkStats, databaseUp: () => boolean = () => true) {
    this.registry.setDefaultLabels({ gateway: gatewayId });
    const registers = [this.registry];
    this.points = new Counter({
      name: 'city_gateway_points_total',
      help: 'Readings taken, per device',
      labelNames: ['device'],
      registers,
    });
    this.quality = new Counter({
      name: 'city_gateway_readings_by_quality_total',
      help: 'Readings taken, by OPC UA quality',
      labelNames: ['quality'],
      registers,
    });
    this.pollSeconds = new Histogram({
      name: 'city_gateway_poll_duration_seconds',
      help: 'Time for one poll cycle of a device',
      labelNames: ['device'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.pollErrors = new Counter({
      name: 'city_gateway_poll_errors_total',
      help: 'Failed block reads, per device and kind',
      labelNames: ['device', 'kind'],
      registers,
    });
    this.stalePoints = new Counter({
      name: 'city_gateway_stale_points_total',
      help: 'Times a point went unrefreshed for three intervals (or a subscription fell silent), per device',
      labelNames: ['device'],
      registers,
    });
    this.writeSeconds = new Histogram({
      name: 'city_gateway_db_write_duration_seconds',
      help: 'Time for one batch to be written and acknowledged by the database',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
    // Registered before the gauges it sets, so in a scrape its collect runs first: one look at the sink
    // (which reads the buffer file) sets every sink gauge.
    new Gauge({
      name: 'city_gateway_buffer_depth',
      help: 'Readings in the durable buffer, not yet acknowledged by the database',
      registers,
      collect() {
        const stats = sinkStats();
        this.set(stats.pending);
        oldestUnsent.set((stats.oldestPendingMs ?? 0) / 1000);
        dropped.set(stats.dropped);
        written.set(stats.written);
        duplicates.set(stats.duplicates);
        quarantined.set(stats.quarantined);
      },
    });
    const oldestUnsent = gauge(
      'city_gateway_oldest_unsent_seconds',
      'Age of the oldest reading not yet in the database',
    );
    const dropped = gauge('city_gateway_dropped_readings', 'Readings dropped for the buffer limits, ever');
    const written = gauge('city_gateway_written_readings', 'Readings stored by the database since start');
    const duplicates = gauge(
      'city_gateway_duplicate_readings',
      'Readings the database already had (resent after a crash)',
    );
    const quarantined = gauge(
      'city_gateway_quarantined_readings',
      'Readings the database refused and quarantined',
    );
    // /healthz stays 200 while only the database is away; this is what an alert on the outage watches.
    new Gauge({
      name: 'city_gateway_database_up',
      help: '1 while the database answers, 0 while readings only go to the buffer',
      registers,
      collect() {
        this.set(databaseUp() ? 1 : 0);
      },
    });
  }

  polled(device: string, seconds: number, readings: readonly Reading[], errorKinds: readonly string[]): void {
    this.received(device, readings);
    this.pollSeconds.observe({ device }, seconds);
    for (const kind of errorKinds) this.pollErrors.inc({ device, kind });
  }

  /** Readings that came without a poll: an OPC UA subscription's notifications. */
  received(device: string, readings: readonly Reading[]): void {
    this.points.inc({ device }, readings.length);
    // Counted here and added once per severity: a label lookup per reading costs at 10,000 a second.
    const bySeverity = { good: 0, uncertain: 0, bad: 0 };
    for (const reading of readings) bySeverity[severityOf(reading.statusCode)] += 1;
    for (const [quality, count] of Object.entries(bySeverity))
      if (count > 0) this.quality.inc({ quality }, count);
  }

  stale(device: string, points: number): void {
    this.stalePoints.inc({ device }, points);
  }

  wrote(seconds: number): void {
    this.writeSeconds.observe(seconds);
  }
}
