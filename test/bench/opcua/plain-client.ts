/**
 * The peer of the gateway-opcua benchmark: a plain node-opcua client that subscribes to the same
 * items with the same settings and does nothing with the values but count them. Prints the count of
 * notifications once a second.
 */
import {
  AttributeIds,
  ClientMonitoredItemGroup,
  MessageSecurityMode,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
} from 'node-opcua';

const items = Number(process.env.ITEMS ?? 10_000);
const endpoint = process.env.ENDPOINT ?? 'opc.tcp://127.0.0.1:4850/bench';
const client = OPCUAClient.create({
  securityMode: MessageSecurityMode.None,
  securityPolicy: SecurityPolicy.None,
  endpointMustExist: false,
});
await client.connect(endpoint);
const session = await client.createSession();
let received = 0;
for (let first = 0; first < items; first += 1_000) {
  const subscription = await session.createSubscription2({
    requestedPublishingInterval: 1_000,
    requestedMaxKeepAliveCount: 3,
    requestedLifetimeCount: 30,
    maxNotificationsPerPublish: 0,
    publishingEnabled: true,
  });
  const group = ClientMonitoredItemGroup.create(
    subscription,
    Array.from({ length: Math.min(1_000, items - first) }, (_, i) => ({
      nodeId: `ns=1;s=bench.${first + i}`,
      attributeId: AttributeIds.Value,
    })),
    { samplingInterval: 1_000, queueSize: 10, discardOldest: true },
    TimestampsToReturn.Both,
  );
  group.on('changed', () => {
    received += 1;
  });
}
setInterval(() => process.stdout.write(`${received}\n`), 1_000);
process.on('SIGTERM', () => void client.disconnect().then(() => process.exit(0)));
