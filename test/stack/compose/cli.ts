/**
 * `npm run compose`: writes docker-compose.yml from the demo city (or --city <file>, a path under hardware/
 * from the repository root, where npm runs the script).
 * `npm run compose -- secrets`: writes the secret files it names that are missing, under secrets/.
 * Adding a cabinet: add it to the city file, run both, then `docker compose up -d`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AMSTERDAM_CITY_FILE, loadCity } from '@city/hardware/city';
import { COMPOSE_FILE, composeText, writeMissingSecrets } from './files';

try {
  const { values, positionals } = parseArgs({
    options: { city: { type: 'string' } },
    allowPositionals: true,
  });
  const cityFile = values.city ? resolve(values.city) : AMSTERDAM_CITY_FILE;
  const city = loadCity(cityFile);
  if (positionals[0] === 'secrets') {
    const written = writeMissingSecrets(city);
    console.log(
      written.length > 0 ? `wrote ${written.join(', ')}` : 'every secret exists already; none changed',
    );
  } else if (positionals.length === 0) {
    writeFileSync(COMPOSE_FILE, composeText(city, cityFile));
    console.log(`wrote docker-compose.yml: ${city.cabinets.length} cabinets, one gateway each`);
  } else {
    throw new Error('usage: npm run compose [-- --city <file>] | npm run compose -- secrets [--city <file>]');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
