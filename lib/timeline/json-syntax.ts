/**
 * Locates the first syntax error in a JSON text. JSON.parse's messages differ between engine
 * versions and often omit the position, so a failed parse is re-scanned here to say where
 * and why, as "line 3, column 14". Only called after JSON.parse has already failed.
 */

export interface JsonSyntaxError {
  /** Zero-based offset into the text. */
  offset: number;
  line: number;
  column: number;
  message: string;
}

class SyntaxStop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Deeper nesting is reported, not followed (no Replyline file nests beyond a dozen levels). */
export const MAX_DEPTH = 1000;

export function locateJsonSyntaxError(text: string): JsonSyntaxError | null {
  let pos = 0;

  const describe = (at: number) => (at >= text.length ? 'end of input' : JSON.stringify(text[at]));
  const fail = (reason: string, at = pos): never => {
    throw new SyntaxStop(at, reason);
  };
  const skipSpace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const expect = (char: string, context: string) => {
    skipSpace();
    if (text[pos] !== char) fail(`expected '${char}' ${context}, found ${describe(pos)}`);
    pos++;
  };

  const string = () => {
    pos++; // opening quote
    while (pos < text.length) {
      const char = text[pos];
      if (char === '"') {
        pos++;
        return;
      }
      if (char === '\\') {
        const escape = text[pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail('invalid \\u escape in a string');
          pos += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
          pos += 2;
        } else {
          fail('invalid escape in a string');
        }
        continue;
      }
      if (char.charCodeAt(0) < 0x20) fail('a control character (such as a line break) inside a string');
      pos++;
    }
    fail('a string is not closed');
  };

  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!match) fail(`invalid number starting with ${describe(pos)}`);
    pos += match![0].length;
  };

  const value = (depth: number): void => {
    // Recursion depth is bounded well below the stack's limit (about 7,000 frames here).
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    skipSpace();
    const char = text[pos];
    if (char === '{') {
      pos++;
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') fail(`expected a property name in double quotes, found ${describe(pos)}`);
        string();
        expect(':', 'after a property name');
        value(depth + 1);
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          skipSpace();
          if (text[pos] === '}') fail("trailing comma before '}'");
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return;
        }
        fail(`expected ',' or '}' after a property value, found ${describe(pos)}`);
      }
    }
    if (char === '[') {
      pos++;
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          skipSpace();
          if (text[pos] === ']') fail("trailing comma before ']'");
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return;
        }
        fail(`expected ',' or ']' after an array element, found ${describe(pos)}`);
      }
    }
    if (char === '"') return string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, pos)) {
        pos += literal.length;
        return;
      }
    }
    fail(pos >= text.length ? 'unexpected end of input' : `unexpected ${describe(pos)}`);
  };

  try {
    value(0);
    skipSpace();
    if (pos < text.length) fail(`unexpected ${describe(pos)} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxStop)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { offset: error.offset, line, column, message: error.reason };
  }
}
