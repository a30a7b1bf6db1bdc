const round1 = (n: number) => Math.round(n * 10) / 10;

/** p50, p95, p99 and max of a list of milliseconds (nearest rank). */
export function quantiles(ms: readonly number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => round1(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: round1(s.at(-1) ?? Number.NaN) };
}
