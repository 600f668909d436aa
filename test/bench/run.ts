/**
 * `npm run bench -- <name>`: runs one benchmark and prints its result as a single line
 * `BENCH {json}`. Each benchmark measures against a peer in the same run, since these machines are noisy.
 */
import { readdirSync } from 'node:fs';

export interface BenchResult {
  [metric: string]: unknown;
}

const available = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const bench = (await import(`./${name}.bench.ts`)) as { run(): Promise<BenchResult> };
const result = await bench.run();
console.log(
  `BENCH ${JSON.stringify({ name, ...result, durationS: Math.round((Date.now() - started) / 1000) })}`,
);
process.exit(0);
