// Runs inside a runtime (workerd, Chromium): times each library's verify of the same token,
// in interleaved rounds so that noise hits every row alike, and returns each row's median
// calls per second and spread. Async rows (jose, verifyAsync) await each call, as callers do;
// `inFlight` > 1 also times them with that many calls in flight at once.

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timed(fn, ms, inFlight) {
  let calls = 0;
  const start = performance.now();
  let elapsed;
  do {
    if (inFlight > 1) {
      await Promise.all(Array.from({ length: inFlight }, () => fn()));
      calls += inFlight;
    } else {
      for (let i = 0; i < 50; i++) await fn();
      calls += 50;
    }
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (calls * 1000) / elapsed;
}

/**
 * `rows`: [{ name, verify: (token) => payload | Promise<payload> }]; each is first shown to
 * accept `token` (its payload's sub must be `sub`) and to refuse `tampered`.
 */
export async function measureRows(rows, { token, tampered, sub, rounds = 5, roundMs = 200, inFlight = 1 }) {
  const live = [];
  const skipped = [];
  for (const row of rows) {
    try {
      const payload = await row.verify(token);
      if (payload?.sub !== sub) throw new Error("did not return the payload");
      let refused = false;
      try {
        await row.verify(tampered);
      } catch {
        refused = true;
      }
      if (!refused) throw new Error("accepted a tampered token");
      live.push({ ...row, samples: [] });
    } catch (error) {
      skipped.push({ name: row.name, skip: String(error?.message ?? error) });
    }
  }
  for (const row of live) await timed(() => row.verify(token), roundMs, inFlight); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < live.length; i++) {
      const row = live[(i + round) % live.length];
      row.samples.push(await timed(() => row.verify(token), roundMs, inFlight));
    }
  }
  return [
    ...live.map(({ name, samples }) => ({ name, opsPerSec: median(samples), spread: (Math.max(...samples) - Math.min(...samples)) / median(samples) })),
    ...skipped,
  ];
}
