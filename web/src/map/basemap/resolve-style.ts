/**
 * The parts of a MapLibre style that name other files. Kept to what this module reads, so the
 * vendor's own types stay inside StyleBasemap.
 */
export interface StyleDocument {
  sources?: Record<string, { url?: string; data?: unknown; tiles?: string[]; attribution?: string }>;
  sprite?: string | Array<{ id: string; url: string }>;
  glyphs?: string;
  [key: string]: unknown;
}

const PMTILES = 'pmtiles://';

/** A reference made absolute against the style's own URL, keeping {z}/{x}/{y} and {fontstack} templates. */
function absolute(reference: string, base: string): string {
  if (reference.startsWith(PMTILES)) return PMTILES + absolute(reference.slice(PMTILES.length), base);
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) return reference;
  return new URL(reference, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

/**
 * A style's relative references (a PMTiles archive, GeoJSON, tiles, sprite, glyphs beside the style
 * file) made absolute against the URL it came from, as a style file's own references are meant;
 * MapLibre would read them against the page instead.
 */
export function resolveStyleUrls<Style extends StyleDocument>(style: Style, styleUrl: string): Style {
  const sources = Object.fromEntries(
    Object.entries(style.sources ?? {}).map(([id, source]) => [
      id,
      {
        ...source,
        ...(source.url ? { url: absolute(source.url, styleUrl) } : {}),
        ...(typeof source.data === 'string' ? { data: absolute(source.data, styleUrl) } : {}),
        ...(source.tiles ? { tiles: source.tiles.map((tile) => absolute(tile, styleUrl)) } : {}),
      },
    ]),
  );
  const sprite =
    typeof style.sprite === 'string'
      ? absolute(style.sprite, styleUrl)
      : style.sprite?.map((entry) => ({ ...entry, url: absolute(entry.url, styleUrl) }));
  return {
    ...style,
    sources,
    ...(sprite ? { sprite } : {}),
    ...(style.glyphs ? { glyphs: absolute(style.glyphs, styleUrl) } : {}),
  };
}

/** The credits the style's sources ask for, as plain text (a style writes them as HTML links). */
export function styleCredits(style: StyleDocument): string[] {
  const credits = Object.values(style.sources ?? {})
    .map((source) =>
      source.attribution
        ?.replace(/<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((credit): credit is string => !!credit);
  return [...new Set(credits)];
}
