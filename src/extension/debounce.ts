/** Runs a callback per key once the calls for that key have paused for a given delay. */
export class KeyedDebouncer<K> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  constructor(private readonly callback: (key: K) => void) {}

  /** Starts or restarts the key's timer; the callback runs `delayMs` after the last call. */
  schedule(key: K, delayMs: number): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.callback(key);
    }, Math.max(0, delayMs));
    this.timers.set(key, timer);
  }

  cancel(key: K): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  isPending(key: K): boolean {
    return this.timers.has(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
