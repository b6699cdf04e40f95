// Messages as sentences a newcomer can read: a capital letter, a full stop, and the
// parser's own words (serde_json's "expected ident") replaced by what they mean.

const JARGON = [
  [/expected ident/g, "a word here is not a JSON value (true, false and null are the only bare words; strings need double quotes)"],
  [/EOF while parsing (an?|the) (\w+)/g, "the JSON ends before the $2 is closed"],
  [/expected value/g, "a JSON value is missing here"],
  [/trailing characters/g, "there is text after the JSON value"],
  [/trailing comma/g, "a comma is followed by nothing"],
  [/key must be a string/g, "member names need double quotes"],
  [/ \|\| /g, " followed by "],
];

export function sentence(text) {
  let out = String(text ?? "").trim();
  if (out === "") return "";
  for (const [pattern, replacement] of JARGON) out = out.replace(pattern, replacement);
  out = out[0].toUpperCase() + out.slice(1);
  return /[.!?]$/.test(out) ? out : `${out}.`;
}

// A value as the page quotes it: strings in double quotes, anything else as JSON.
export const quoted = (value) => JSON.stringify(value);
