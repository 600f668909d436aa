/** The three screens the control room is judged on: a desk, a wall (a 4K panel at 2×) and a crew's tablet. */
export const SCREEN_SIZES = {
  desk: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
  wall: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 },
  tablet: { viewport: { width: 800, height: 1280 }, deviceScaleFactor: 1 },
} as const;

export type ScreenSize = keyof typeof SCREEN_SIZES;
