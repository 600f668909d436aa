import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alarm, AlarmMessage, AlarmTransition } from '@city/domain';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { WebhookNotifier, type WebhookPayload, webhookText } from './webhook';

/** A real HTTP receiver on loopback that refuses the first two deliveries, as a flaky SMS gateway does. */
const received: WebhookPayload[] = [];
let refusals = 2;
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    if (refusals > 0) {
      refusals -= 1;
      response.writeHead(503).end();
      return;
    }
    received.push(JSON.parse(body) as WebhookPayload);
    response.writeHead(204).end();
  });
});
afterAll(() => receiver.close());

const transition = (
  seq: number,
  priority: 1 | 2 | 3 | 4,
  event: AlarmTransition['event'] = 'activated',
): AlarmTransition => {
  const message: AlarmMessage = {
    key: 'alarm.high',
    params: {
      ruleId: 'rule',
      asset: `Gemaal ${seq}`,
      assetId: 'a',
      channel: 'level',
      metric: 'level',
      unit: 'm',
      value: 2.75,
      limit: 2.7,
    },
  };
  const alarm: Alarm = {
    id: `rule@a/m${seq}`,
    ruleId: 'rule',
    channelId: `a/m${seq}`,
    priority,
    state: 'unacknowledged',
    active: true,
    acknowledged: false,
    message,
    value: 2.75,
    activatedAt: 0,
    clearedAt: null,
    shelvedUntil: null,
    shelveKind: null,
    outOfServiceReason: null,
    suppressedBy: null,
    seq,
  };
  return {
    seq,
    alarmId: alarm.id,
    ruleId: 'rule',
    channelId: alarm.channelId,
    event,
    state: alarm.state,
    priority,
    message,
    value: 2.75,
    at: 0,
    actor: null,
    note: null,
    alarm,
  };
};

const templates = new Map([
  ['rule', { nl: '{asset}: putniveau {value} {unit}', en: '{asset}: wet well at {value} {unit}' }],
]);

describe('the alarm webhook', () => {
  it('posts urgent activations in order, retrying with backoff until the receiver takes them', async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const notifier = new WebhookNotifier({
      url: `http://127.0.0.1:${port}/hook`,
      logger: pino({ level: 'silent' }),
      firstRetryMs: 50,
    });
    notifier.notify(
      [transition(1, 1), transition(2, 4), transition(3, 2, 'cleared'), transition(4, 2)],
      templates,
    );
    await notifier.drain();
    expect(received.map((payload) => payload.transition.seq)).toEqual([1, 4]);
    // The key and numbers for a receiver that words alarms itself, and a line in each language.
    expect(received[0]?.message).toEqual(transition(1, 1).message);
    expect(received[0]?.text).toEqual({
      nl: 'P1 Gemaal 1: putniveau 2,75 m',
      en: 'P1 Gemaal 1: wet well at 2.75 m',
    });
    expect(notifier.stats).toEqual({ sent: 2, retries: 2, failed: 0 });
  });

  it('gives up after its attempts and says so, without blocking the next', async () => {
    const notifier = new WebhookNotifier({
      url: 'http://127.0.0.1:9/nothing-listens',
      logger: pino({ level: 'silent' }),
      attempts: 3,
      firstRetryMs: 10,
    });
    notifier.notify([transition(5, 1), transition(6, 1)]);
    await notifier.drain();
    expect(notifier.stats).toEqual({ sent: 0, retries: 4, failed: 2 });
  });

  it('words an alarm whose rule it does not know from a plain template, rather than not at all', () => {
    expect(webhookText(transition(7, 1), new Map())).toEqual({
      nl: 'P1 Gemaal 7 level: 2,75 m (grens 2,7 m)',
      en: 'P1 Gemaal 7 level: 2.75 m (limit 2.7 m)',
    });
  });
});
