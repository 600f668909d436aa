/**
 * A closed-loop HTTP load: `concurrency` keep-alive connections, each sending the next GET as soon
 * as the previous answer is read, for a fixed time. Anything but a 200 fails the run, so a peer that
 * refuses (or a session that lapsed) can never count as fast.
 */
import { Agent, request } from 'node:http';

export interface Target {
  url: string;
  headers: Record<string, string>;
}

export async function closedLoop(target: Target, concurrency: number, seconds: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const until = performance.now() + seconds * 1000;
  let answered = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await get(target, agent);
      answered += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return answered / seconds;
}

function get(target: Target, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(target.url, { agent, headers: target.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => {
        if (res.statusCode === 200) resolve();
        else reject(new Error(`${target.url}: ${res.statusCode} ${body.slice(0, 300)}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}
