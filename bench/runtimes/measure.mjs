// Runs inside a runtime (workerd, Chromium): times each library's verify of the same token,
// in interleaved rounds so that noise hits every row alike, and returns each row's median
// calls per second and spread. Async rows (jose, verifyAsync) await each call, as callers do;
// sync rows (`sync: true`) are called as callers of a sync API call them, without an await;
// `inFlight` > 1 also times the async rows with that many calls in flight at once.

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timed(fn, ms, inFlight, sync) {
  let calls = 0;
  const start = performance.now();
  let elapsed;
  do {
    if (sync) {
      for (let i = 0; i < 50; i++) fn();
      calls += 50;
    } else if (inFlight > 1) {
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

/** One block of calls for a paired measurement: calls per ms (a sync row's are one at a time). */
async function block(fn, calls, inFlight, sync) {
  const start = performance.now();
  if (sync) for (let i = 0; i < calls; i++) fn();
  else if (inFlight > 1) await Promise.all(Array.from({ length: inFlight }, () => fn()));
  else for (let i = 0; i < calls; i++) await fn();
  return (inFlight > 1 && !sync ? inFlight : calls) / (performance.now() - start);
}

/**
 * `ours`' speed over `base`'s, measured in alternating blocks (about 16 ms each one at a time,
 * one batch of `inFlight` calls otherwise; which goes first alternates too), so that both meet
 * the same moment of a noisy machine: the median of the pairs' ratios, and the quartiles.
 * Blocks of 4 ms gave ratios in steps of about a quarter in workerd, whose clock is coarse.
 */
async function pairedRatio(ours, base, token, inFlight) {
  const pairs = inFlight > 1 ? 21 : 61;
  const callsOf = (row) => Math.max(1, Math.round(row.opsPerSec / 62.5));
  const ratios = [];
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 ? [base, ours] : [ours, base];
    const speeds = new Map();
    for (const row of order) speeds.set(row, await block(() => row.verify(token), callsOf(row), inFlight, row.sync));
    ratios.push(speeds.get(ours) / speeds.get(base));
  }
  ratios.sort((a, b) => a - b);
  return { ratio: median(ratios), low: ratios[Math.floor(pairs / 4)], high: ratios[Math.floor((3 * pairs) / 4)] };
}

/**
 * `rows`: [{ name, verify: (token) => payload | Promise<payload>, sync? }]; each is first shown to
 * accept `token` (its payload's sub must be `sub`) and to refuse `tampered`. The rows named
 * in `paired` are also measured against the row whose name starts with `pairedBase`, in
 * alternating blocks (their `paired`: the median ratio and its quartiles).
 */
export async function measureRows(rows, { token, tampered, sub, rounds = 5, roundMs = 200, inFlight = 1, paired = [], pairedBase = "jose" }) {
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
  for (const row of live) await timed(() => row.verify(token), roundMs, inFlight, row.sync); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < live.length; i++) {
      const row = live[(i + round) % live.length];
      row.samples.push(await timed(() => row.verify(token), roundMs, inFlight, row.sync));
    }
  }
  for (const row of live) row.opsPerSec = median(row.samples);
  const base = live.find((row) => row.name.startsWith(pairedBase));
  for (const row of live) {
    if (base && paired.includes(row.name)) row.paired = await pairedRatio(row, base, token, inFlight);
  }
  return [
    ...live.map(({ name, samples, opsPerSec, paired }) => ({ name, opsPerSec, spread: (Math.max(...samples) - Math.min(...samples)) / opsPerSec, paired })),
    ...skipped,
  ];
}

/**
 * Nanoseconds per call of each of `parts` ([{ name, run, sync? }]; async ones are awaited),
 * in interleaved rounds, medians: the parts of one verify, timed in the runtime itself.
 */
export async function nsPerCall(parts, { rounds = 5, roundMs = 200 }) {
  const samples = parts.map(() => []);
  for (const part of parts) await timed(part.run, roundMs, 1, part.sync); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < parts.length; i++) {
      const at = (i + round) % parts.length;
      samples[at].push(1e9 / (await timed(parts[at].run, roundMs, 1, parts[at].sync)));
    }
  }
  return parts.map(({ name }, at) => ({ name, ns: median(samples[at]) }));
}
