import { lifecyclePlugin } from './plugin';

describe('lifecycle', () => {
  it('should export plugin', () => {
    expect(lifecyclePlugin).toBeDefined();
  });
});
