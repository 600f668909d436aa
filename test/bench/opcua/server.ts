/**
 * The OPC UA server for the gateway-opcua benchmark, in its own process: ITEMS analog variables
 * (ns=1;s=bench.<i>), every one of them changing every second, so a subscriber sampling at 1 s gets
 * one notification per item per second, the worst case. Prints "ready" when it serves.
 */
import { OPCUAServer } from 'node-opcua';

const items = Number(process.env.ITEMS ?? 10_000);
const port = Number(process.env.PORT ?? 4850);
const server = new OPCUAServer({ port, resourcePath: '/bench', maxConnectionsPerEndpoint: 10 });
await server.initialize();
const addressSpace = server.engine.addressSpace;
if (!addressSpace) throw new Error('no address space');
const namespace = addressSpace.getOwnNamespace();
const folder = namespace.addFolder(addressSpace.rootFolder.objects, { browseName: 'bench' });
const variables = Array.from({ length: items }, (_, i) =>
  namespace.addVariable({
    componentOf: folder,
    browseName: `v${i}`,
    nodeId: `s=bench.${i}`,
    dataType: 'Double',
    minimumSamplingInterval: 100,
  }),
);
let tick = 0;
const update = () => {
  tick += 1;
  const now = new Date();
  for (let i = 0; i < variables.length; i++) {
    variables[i]?.setValueFromSource({ dataType: 'Double', value: i + (tick % 100) / 10 }, undefined, now);
  }
};
update();
setInterval(update, 1_000);
await server.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void server.shutdown(0).then(() => process.exit(0)));
