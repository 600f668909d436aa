/**
 * The map's symbols in one texture, drawn once in the browser from vector paths. Every icon is a
 * mask (white on transparent), so deck.gl tints it per feature: the same triangle is a priority-2
 * alarm in that priority's colour, the same gauge is grey when normal and bright when abnormal.
 * Priority shapes use PriorityMark's paths, so the map and the lists show the same shape.
 */
export interface IconFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  mask: true;
}

const CELL = 64;
export const GAUGE_STEPS = 10;

/** The priority shapes, on a 24×24 grid (ui/PriorityMark.tsx). */
const PRIORITY_PATHS: Record<string, string> = {
  'priority-1': 'M12 1 L23 12 L12 23 L1 12 Z',
  'priority-2': 'M12 2 L23 21 L1 21 Z',
  'priority-3': 'M3 3 H21 V21 H3 Z',
  'priority-4': 'M12 2 A10 10 0 1 1 11.99 2 Z',
};

/** Outlines and glyphs on the same 24×24 grid, stroked. */
const STROKED_PATHS: Record<string, string> = {
  ring: 'M12 3 A9 9 0 1 1 11.99 3 Z',
  cross: 'M5 5 L19 19 M19 5 L5 19',
  clock: 'M12 3 A9 9 0 1 1 11.99 3 Z M12 7 V12 L16 14',
  question: 'M8.5 9 A3.5 3.5 0 1 1 13.5 12 C12.5 12.8 12 13.5 12 15 M12 18.5 V19.5',
  cabinet: 'M5 3 H19 V21 H5 Z M8 8 H16 M8 12 H16',
  wave: 'M2 9 C5 6 7 12 10 9 C13 6 15 12 18 9 C20 7 21 8 22 9 M2 16 C5 13 7 19 10 16 C13 13 15 19 18 16 C20 14 21 15 22 16',
  'pump-off': 'M12 5 A7 7 0 1 1 11.99 5 Z',
  'gauge-frame': 'M3 1 H21 V47 H3 Z',
};

const FILLED_PATHS: Record<string, string> = {
  ...PRIORITY_PATHS,
  dot: 'M12 3 A9 9 0 1 1 11.99 3 Z',
  'pump-on': 'M12 5 A7 7 0 1 1 11.99 5 Z',
};

export const ICON_NAMES = [
  ...Object.keys(FILLED_PATHS),
  ...Object.keys(STROKED_PATHS),
  ...Array.from({ length: GAUGE_STEPS + 1 }, (_, step) => `gauge-fill-${step}`),
];

/** Where each icon sits in the atlas: a row of 64 px cells; gauges are 32 × 64 (portrait). */
export function iconMapping(): Record<string, IconFrame> {
  return Object.fromEntries(
    ICON_NAMES.map((name, index) => {
      const tall = name.startsWith('gauge');
      return [name, { x: index * CELL, y: 0, width: tall ? CELL / 2 : CELL, height: CELL, mask: true }];
    }),
  );
}

/** The icon of a wet well filled to `share` (0–1), in GAUGE_STEPS steps. */
export function gaugeFillIcon(share: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  return `gauge-fill-${Math.round(clamped * GAUGE_STEPS)}`;
}

/** Draws the atlas; browser only (deck.gl turns the canvas into a texture). */
export function drawIconAtlas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = ICON_NAMES.length * CELL;
  canvas.height = CELL;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas for the map icons');
  context.fillStyle = context.strokeStyle = '#fff';
  context.lineCap = context.lineJoin = 'round';
  ICON_NAMES.forEach((name, index) => {
    context.save();
    context.translate(index * CELL, 0);
    drawIcon(context, name);
    context.restore();
  });
  return canvas;
}

function drawIcon(context: CanvasRenderingContext2D, name: string): void {
  if (name.startsWith('gauge')) {
    // A 24 × 48 grid into a 32 × 64 cell.
    context.scale(CELL / 2 / 24, CELL / 48);
    if (name === 'gauge-frame') {
      context.lineWidth = 2.5;
      context.stroke(new Path2D(STROKED_PATHS['gauge-frame']));
      return;
    }
    const step = Number(name.slice('gauge-fill-'.length));
    const height = (44 * step) / GAUGE_STEPS;
    context.fillRect(5, 45 - height, 14, height);
    return;
  }
  context.scale(CELL / 24, CELL / 24);
  const filled = FILLED_PATHS[name];
  if (filled) {
    context.fill(new Path2D(filled));
    return;
  }
  context.lineWidth = name === 'ring' ? 2.2 : 2.6;
  context.stroke(new Path2D(STROKED_PATHS[name]));
}
