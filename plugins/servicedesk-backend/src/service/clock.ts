/** The time source of the service desk; tests give a fake one to move the SLA clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
