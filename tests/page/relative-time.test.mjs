// The page's relative time wording, at the edges where rounding decides the unit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { relativeTime } from "../../www/claims.js";

const NOW = 1_800_000_000;

test("relative times round to the nearest unit and carry into the next", () => {
  const cases = [
    [1800, "in 30 minutes"],
    [1799.4, "in 30 minutes"],
    [599.9, "in 10 minutes"],
    [3599, "in 1 hour"],
    [-10_800, "3 hours ago"],
    [45, "in 45 seconds"],
    [-59.6, "1 minute ago"],
    [14 * 86_400 - 30, "in 14 days"],
  ];
  for (const [delta, wording] of cases) assert.equal(relativeTime(NOW + delta, NOW), wording, `delta ${delta}`);
});
