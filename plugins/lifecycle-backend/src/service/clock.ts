/** The lifecycle's idea of "now"; FakeClock from @portico/portico-test-utils fits it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The end-to-end test hook: real time moved forward by what the test asked. Only built when
 * `lifecycle.testHooks.clock` is set, and refused under NODE_ENV=production (see config.ts).
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now() {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number) {
    this.offsetMs += ms;
  }
}
