// Checks the JSON typed in the encoder and says where the first mistake is.
// JSON.parse in V8 does not always report a position ("Unexpected token ..."), and it
// silently keeps the last of duplicate member names, which wasm-jwt refuses in a token.

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class JsonSyntaxError extends Error {
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
}

function describe(char) {
  return char === undefined ? "the end of the text" : `${JSON.stringify(char)}`;
}

function parser(text) {
  let i = 0;
  const fail = (message) => {
    throw new JsonSyntaxError(message, i);
  };
  const skipWhitespace = () => {
    while (WHITESPACE.has(text[i])) i++;
  };
  const expect = (char, context) => {
    if (text[i] !== char) fail(`expected ${JSON.stringify(char)} ${context}, found ${describe(text[i])}`);
    i++;
  };

  function string() {
    expect('"', "to start a string");
    let out = "";
    while (text[i] !== '"') {
      const c = text[i];
      if (c === undefined) fail("this string is never closed: add a closing \"");
      if (c < " ") fail("a control character (such as a newline) must be escaped inside a string");
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("\\u must be followed by four hexadecimal digits");
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (!ESCAPES.has(e)) fail(`${describe(e)} cannot follow a backslash in a string`);
        out += JSON.parse(`"\\${e}"`);
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    i++;
    return out;
  }

  function number() {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === "-") fail(`a value was expected here, found ${describe(text[i])}`);
    i += match[0].length;
  }

  function literal() {
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const found = /^[A-Za-z_]+/.exec(text.slice(i));
    fail(found ? `${JSON.stringify(found[0])} is not a JSON value; strings need double quotes` : `a value was expected here, found ${describe(text[i])}`);
  }

  function members(close, what, member) {
    i++;
    skipWhitespace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      skipWhitespace();
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ",") fail(`expected "," or ${JSON.stringify(close)} after ${what}, found ${describe(text[i])}`);
      i++;
      skipWhitespace();
      if (text[i] === close) fail(`a trailing comma is not allowed before ${JSON.stringify(close)}`);
    }
  }

  function object() {
    const names = new Set();
    members("}", "a member", () => {
      const start = i;
      if (text[i] !== '"') fail(`expected a member name in double quotes, found ${describe(text[i])}`);
      const name = string();
      if (names.has(name)) {
        i = start;
        fail(`duplicate member name ${JSON.stringify(name)}: a token must not repeat a name`);
      }
      names.add(name);
      skipWhitespace();
      expect(":", "after the member name");
      value();
    });
  }

  function value() {
    skipWhitespace();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return members("]", "an array element", value);
    if (c === '"') return void string();
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    return literal();
  }

  return () => {
    value();
    skipWhitespace();
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the JSON value`);
  };
}

function lineAndColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

// { value } for a JSON object, else { error: { message, offset, line, column } }.
export function parseJsonObject(text) {
  try {
    parser(text)();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { error: { message: error.message, offset: error.offset, ...lineAndColumn(text, error.offset) } };
  }
  const value = JSON.parse(text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const offset = text.length - text.trimStart().length;
    return { error: { message: "must be a JSON object: { ... }", offset, ...lineAndColumn(text, offset) } };
  }
  return { value };
}
