import type uPlot from 'uplot';
import { GREYS, LAYOUT, PRIORITY_COLOURS } from '../ui/tokens';
import type { ChartLimit } from './limits';

/** The priority shapes of PriorityMark (1 diamond, 2 triangle, 3 square, 4 circle) on a 24-unit grid. */
const SHAPES = {
  1: 'M12 1 L23 12 L12 23 L1 12 Z',
  2: 'M12 2 L23 21 L1 21 Z',
  3: 'M3 3 H21 V21 H3 Z',
  4: 'M12 2 A10 10 0 1 1 11.99 2 Z',
} as const;

/**
 * Each limit as a dashed line in its priority's colour across the plot, labelled at the left edge
 * (the newest data is on the right) with the priority's shape and "HH 2,70 m" on a dark plate, so it reads without the colour.
 */
export function drawLimits(u: uPlot, limits: readonly ChartLimit[], label: (limit: ChartLimit) => string) {
  if (limits.length === 0) return;
  const { ctx } = u;
  // uPlot's bbox is in device pixels; so are line widths and fonts drawn on its canvas.
  const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  const px = (n: number) => n * ratio;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.font = `700 ${px(15)}px ${LAYOUT.font}`;
  ctx.textBaseline = 'middle';
  for (const limit of limits) {
    const y = u.valToPos(limit.value, 'y', true);
    if (!Number.isFinite(y) || y < top || y > top + height) continue;
    const colour = PRIORITY_COLOURS[limit.priority as keyof typeof PRIORITY_COLOURS];
    ctx.strokeStyle = colour;
    ctx.lineWidth = px(2);
    ctx.setLineDash([px(10), px(6)]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    plate(ctx, label(limit), limit.priority as keyof typeof SHAPES, colour, left, y, px);
  }
  ctx.restore();
}

function plate(
  ctx: CanvasRenderingContext2D,
  text: string,
  priority: keyof typeof SHAPES,
  colour: string,
  left: number,
  y: number,
  px: (n: number) => number,
) {
  const shape = px(20);
  const pad = px(8);
  const textWidth = ctx.measureText(text).width;
  const plateWidth = pad + shape + pad + textWidth + pad;
  const plateHeight = px(28);
  const x = left + px(4);
  ctx.fillStyle = GREYS.surface;
  ctx.strokeStyle = colour;
  ctx.lineWidth = px(2);
  ctx.beginPath();
  ctx.rect(x, y - plateHeight / 2, plateWidth, plateHeight);
  ctx.fill();
  ctx.stroke();
  ctx.save();
  ctx.translate(x + pad, y - shape / 2);
  ctx.scale(shape / 24, shape / 24);
  ctx.fillStyle = colour;
  ctx.fill(new Path2D(SHAPES[priority]));
  ctx.restore();
  ctx.fillStyle = GREYS.text;
  ctx.textAlign = 'left';
  ctx.fillText(text, x + pad + shape + pad, y);
}
