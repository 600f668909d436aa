/** `npm run build -w @city/web`: next build, plus the stamp that lets ensureWebBuild skip an up-to-date build. */
import { buildWeb } from '../src/server/build';

const started = Date.now();
await buildWeb({ onLine: (line) => console.log(line) });
console.log(`control room built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
