/**
 * Runs a task every intervalMs against the monotonic clock: cycle n starts at start + n × interval, so
 * a slow cycle does not push every later one back (no drift), and cycles missed while a task overran
 * are skipped rather than run in a burst.
 */
export function every(
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  const start = performance.now();
  let cycle = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const tick = () => {
    if (stopped) return;
    // A failing cycle is reported and the schedule goes on: one bad cycle must not stop a device for good.
    running = task()
      .catch(onError)
      .finally(() => {
        if (stopped) return;
        const now = performance.now();
        cycle = Math.max(cycle + 1, Math.ceil((now - start) / intervalMs));
        timer = setTimeout(tick, start + cycle * intervalMs - now);
      });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
