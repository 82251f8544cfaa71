import { RateWindows } from '../../src/auth/rate-limit';

// The guard's rate windows (src/auth/rate-limit.ts) on a clock of the test's own.
describe('RateWindows', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('counts hits per key in a minute from the first; over the limit, the seconds left in the window', () => {
    const w = new RateWindows(3, 60_000, clock);
    expect([w.hit('a'), w.hit('a'), w.hit('a')]).toEqual([0, 0, 0]);
    expect(w.hit('b')).toBe(0);
    now += 20_500;
    expect(w.hit('a')).toBe(40); // 39.5 s left, rounded up
    expect(w.exhausted('a')).toBe(40);
    expect(w.exhausted('b')).toBe(0);
    now += 39_500;
    expect(w.exhausted('a')).toBe(0);
    expect(w.hit('a')).toBe(0); // a new window
  });

  it('exhausted counts nothing; at the limit (not over it) the key is exhausted', () => {
    const w = new RateWindows(2, 60_000, clock);
    expect(w.exhausted('x')).toBe(0);
    w.hit('x');
    expect(w.exhausted('x')).toBe(0);
    w.hit('x');
    expect(w.exhausted('x')).toBe(60);
  });

  it('limit 0 is off', () => {
    const w = new RateWindows(0, 60_000, clock);
    for (let i = 0; i < 1000; i++) expect(w.hit('k')).toBe(0);
    expect(w.exhausted('k')).toBe(0);
    expect(w.size).toBe(0);
  });

  it('windows that ended are swept: the map holds the keys of the last minute only', () => {
    const w = new RateWindows(5, 60_000, clock);
    for (let i = 0; i < 1000; i++) w.hit(`address-${i}`);
    expect(w.size).toBe(1000);
    now += 120_000;
    w.hit('late');
    expect(w.size).toBe(1);
  });
});
