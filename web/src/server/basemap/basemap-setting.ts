import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { BASEMAP_STYLE_PATH } from '../../shared/contract';

/**
 * A city's own base map instead of the one shipped in public/basemap: a MapLibre style, either a
 * file on this server (its tiles, PMTiles archives, sprites and glyphs beside it, served from
 * BASEMAP_STYLE_PATH) or a URL of the city's tile service.
 */
export interface BasemapSetting {
  /** What the browser loads: BASEMAP_STYLE_PATH/<file> for a file here, else the city's URL. */
  styleUrl: string;
  /** The style file's folder, served from BASEMAP_STYLE_PATH; none for a style elsewhere. */
  folder?: string;
  /** Other origins the map fetches from, which the pages' Content-Security-Policy then allows. */
  origins: string[];
}

export const basemapEnvShape = {
  /** A MapLibre style JSON: a path on this server, or an https:// URL. Unset: the shipped base map. */
  BASEMAP_STYLE: z.string().min(1).optional(),
  /** Further origins the style's tiles, sprites or glyphs come from, comma separated (https://tiles.example). */
  BASEMAP_ORIGINS: z
    .string()
    .optional()
    .transform((list) =>
      list
        ? list
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean)
        : [],
    ),
};
export type BasemapEnv = { BASEMAP_STYLE?: string | undefined; BASEMAP_ORIGINS: string[] };

/** What a MapLibre style must have for the map to draw it; the rest is MapLibre's to check. */
const StyleFileSchema = z.looseObject({
  version: z.literal(8, { error: 'must be 8 (a MapLibre style, version 8)' }),
  sources: z.record(
    z.string(),
    z.looseObject({
      type: z.string({ error: 'needs a type such as "vector", "raster" or "geojson"' }),
      url: z.string().optional(),
      data: z.unknown().optional(),
      tiles: z.array(z.string()).optional(),
    }),
    { error: 'must be an object of sources' },
  ),
  layers: z
    .array(z.looseObject({ id: z.string(), type: z.string() }), { error: 'must be a list of layers' })
    .min(1, { error: 'needs at least one layer' }),
});

const fail = (message: string): never => {
  throw new Error(`environment variable BASEMAP_STYLE: ${message}`);
};

/** An origin such as https://tiles.example, refused with the fix when it is anything else. */
function originOf(text: string, variable: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {}
  throw new Error(
    `environment variable ${variable}: "${text}" is not an origin; write it as https://tiles.example`,
  );
}

/** A relative reference in the style names a file beside it (pmtiles://city.pmtiles, land.geojson). */
function localFileOf(reference: string): string | null {
  const path = reference.startsWith('pmtiles://') ? reference.slice('pmtiles://'.length) : reference;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/')) return null;
  return path.split(/[?#]/, 1)[0] ?? null;
}

function checkStyleFile(file: string): void {
  if (!existsSync(file) || !statSync(file).isFile())
    fail(`${file} does not exist; give the path of a MapLibre style JSON, or an https:// URL`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${file} is not JSON (${(error as Error).message}); a MapLibre style is a JSON file`);
  }
  const parsed = StyleFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${file}: field ${issue?.path.join('.') || '(top)'} ${issue?.message ?? 'is wrong'}`);
    return;
  }
  const folder = dirname(file);
  for (const [id, source] of Object.entries(parsed.data.sources)) {
    const references = [
      ['url', source.url],
      ['data', typeof source.data === 'string' ? source.data : undefined],
    ] as const;
    for (const [field, reference] of references) {
      const local = reference ? localFileOf(reference) : null;
      if (local && !existsSync(join(folder, local)))
        fail(
          `${file}: field sources.${id}.${field} names ${local}, which is not in ${folder}; put the file beside the style, or give a full URL`,
        );
    }
  }
}

/** The base map the environment asks for, checked at boot; undefined keeps the shipped one. */
export function basemapFromEnv(env: BasemapEnv, cwd = process.cwd()): BasemapSetting | undefined {
  const style = env.BASEMAP_STYLE;
  const extraOrigins = env.BASEMAP_ORIGINS.map((origin) => originOf(origin, 'BASEMAP_ORIGINS'));
  if (!style) {
    if (extraOrigins.length > 0)
      fail('is not set, but BASEMAP_ORIGINS is; set BASEMAP_STYLE too, or drop both');
    return undefined;
  }
  if (/^https?:\/\//i.test(style)) {
    const origin = originOf(style, 'BASEMAP_STYLE');
    return { styleUrl: style, origins: [...new Set([origin, ...extraOrigins])] };
  }
  const file = isAbsolute(style) ? style : resolve(cwd, style);
  checkStyleFile(file);
  return {
    styleUrl: `${BASEMAP_STYLE_PATH}/${basename(file)}`,
    folder: dirname(file),
    origins: extraOrigins,
  };
}
