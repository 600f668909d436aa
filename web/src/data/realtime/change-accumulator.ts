/**
 * The union of the channels several telemetry frames changed, until someone takes it: a screen that
 * draws once per animation frame must still learn about every channel the frames in between touched.
 */
export class ChangeAccumulator {
  private pending: Set<string> | 'all' | null = null;

  add(changed: ReadonlySet<string> | 'all'): void {
    if (this.pending === 'all') return;
    if (changed === 'all') {
      this.pending = 'all';
      return;
    }
    this.pending ??= new Set();
    for (const id of changed) this.pending.add(id);
  }

  /** What changed since the last take; null when nothing did. */
  take(): ReadonlySet<string> | 'all' | null {
    const taken = this.pending;
    this.pending = null;
    return taken;
  }
}
