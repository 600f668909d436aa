/**
 * The smallest store React's useSyncExternalStore can read: a value that is replaced, never mutated,
 * so a component re-renders exactly when what it reads changed.
 */
export class ExternalStore<T> {
  private readonly listeners = new Set<() => void>();

  private readonly initial: T;

  constructor(private state: T) {
    this.initial = state;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): T => this.state;

  /**
   * What the server rendered with, for hydration: the socket connects while the page still hydrates,
   * and a value that arrived meanwhile must wait for the render after it, or the page would not match.
   */
  readonly getInitialState = (): T => this.initial;

  protected set(next: T): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
