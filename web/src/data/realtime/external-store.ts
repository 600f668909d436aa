/**
 * The smallest store React's useSyncExternalStore can read: a value that is replaced, never mutated,
 * so a component re-renders exactly when what it reads changed.
 */
export class ExternalStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): T => this.state;

  protected set(next: T): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
