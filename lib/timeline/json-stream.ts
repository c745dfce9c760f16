/**
 * Reads one JSON document from chunks (bytes or text) without ever holding its text. The
 * @streamparser/json tokenizer turns bytes into tokens (strings, escapes, numbers and UTF-8 may be
 * split anywhere between chunks); this assembler builds values from them and hands the values a
 * consumer takes (a timeline's conversations and events) over as each completes, instead of
 * keeping them in their parent. So memory follows the largest value kept, not the file.
 *
 * Syntax errors are explained as json-syntax.ts explains them ("line 3, column 14: expected ','
 * or '}' after a property value, found "x""), nesting deeper than MAX_DEPTH is refused, and a key
 * given twice in one object is refused too (JSON.parse would silently keep the last one).
 */
import { Tokenizer, TokenType } from '@streamparser/json';
import { MAX_DEPTH } from './json-syntax';

export type JsonKey = string | number;

/** Where the value being completed sits: the containers around it, outermost first. */
export interface JsonPosition {
  /** How many containers enclose the value (0 for the document itself). */
  readonly depth: number;
  /** The key or index the value has in the container at `level` (0 = the document). */
  keyAt(level: number): JsonKey;
  /** The container at `level`, as built so far (taken values are not in it). */
  containerAt(level: number): Record<string, unknown> | unknown[];
}

/** Given each completed value inside a container; returns true to take it (it is then not kept). */
export type TakeValue = (value: unknown, at: JsonPosition) => boolean;

export class JsonStreamSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`invalid JSON at line ${line}, column ${column}: ${reason}`);
  }
}

/** A syntax error found at a byte offset, before it is turned into line and column. */
class SyntaxStop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const enum Expect {
  /** The document, or a property value after ':'. */
  Value,
  /** After '[': an element or ']'. */
  FirstElement,
  /** After ',' in an array. */
  Element,
  /** After '{': a key or '}'. */
  FirstKey,
  /** After ',' in an object. */
  Key,
  Colon,
  /** After a value inside a container: ',' or its closing bracket. */
  Comma,
  /** After the document. */
  End,
}

interface Frame {
  container: Record<string, unknown> | unknown[];
  isArray: boolean;
  /** The key of the value being read in this container (the index, in an array). */
  key: JsonKey;
}

const BOM = [0xef, 0xbb, 0xbf];
const NEWLINE = 0x0a;

/** UTF-16 code units (what a column counts) of the UTF-8 bytes in [from, to). */
function utf16Length(bytes: Uint8Array, from: number, to: number): number {
  let units = 0;
  for (let i = from; i < to; i++) {
    const byte = bytes[i];
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would set the prototype; JSON.parse makes it an own key, and so does this.
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

export class JsonStreamReader implements JsonPosition {
  private readonly tokenizer = new Tokenizer();
  private readonly encoder = new TextEncoder();
  private readonly frames: Frame[] = [];
  private expect = Expect.Value;
  private root: unknown = undefined;
  private bomIndex = 0;
  /** A high surrogate that ended a text chunk, waiting for its pair. */
  private pendingSurrogate = '';
  private failed = false;

  // Position bookkeeping: lines and columns are counted chunk by chunk, never from the whole text.
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkStart = 0;
  /** Line breaks before `chunkStart`. */
  private linesBefore = 0;
  /** UTF-16 units from the start of the line to `chunkStart`. */
  private columnAtChunk = 0;

  constructor(private readonly take: TakeValue) {
    this.tokenizer.onToken = ({ token, value, offset }) => this.onToken(token, value, offset);
  }

  get depth(): number {
    return this.frames.length;
  }

  keyAt(level: number): JsonKey {
    return this.frames[level].key;
  }

  containerAt(level: number): Record<string, unknown> | unknown[] {
    return this.frames[level].container;
  }

  /** Reads the next chunk; throws JsonStreamSyntaxError at the first syntax error. */
  write(chunk: Uint8Array | string): void {
    if (this.failed) throw new Error('the JSON reader already failed');
    let bytes = typeof chunk === 'string' ? this.encodeText(chunk) : chunk;
    bytes = this.skipByteOrderMark(bytes);
    if (bytes.length === 0) return;
    this.chunk = bytes;
    this.run(() => this.tokenizer.write(bytes));
    this.advanceLines(bytes);
  }

  /** Ends the document and returns it, without the values taken. */
  end(): unknown {
    if (this.pendingSurrogate) {
      const rest = this.encoder.encode(this.pendingSurrogate);
      this.pendingSurrogate = '';
      this.write(rest);
    }
    if (this.bomIndex > 0 && this.bomIndex < BOM.length) {
      // The file ended inside what looked like a byte-order mark: those bytes were content.
      const partial = Uint8Array.from(BOM.slice(0, this.bomIndex));
      this.bomIndex = BOM.length;
      this.write(partial);
    }
    this.chunk = new Uint8Array(0);
    this.run(() => this.tokenizer.end());
    if (this.expect !== Expect.End) this.run(() => this.unexpected(this.chunkStart, null));
    return this.root;
  }

  private encodeText(text: string): Uint8Array {
    let whole = this.pendingSurrogate + text;
    this.pendingSurrogate = '';
    const last = whole.charCodeAt(whole.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pendingSurrogate = whole.slice(-1);
      whole = whole.slice(0, -1);
    }
    return this.encoder.encode(whole);
  }

  /** Editors on Windows may save a byte-order mark; it is not part of the document (and may be split). */
  private skipByteOrderMark(bytes: Uint8Array): Uint8Array {
    if (this.bomIndex >= BOM.length) return bytes;
    let i = 0;
    while (i < bytes.length && this.bomIndex < BOM.length && bytes[i] === BOM[this.bomIndex]) {
      i++;
      this.bomIndex++;
    }
    if (this.bomIndex === BOM.length || i === bytes.length) return bytes.subarray(i);
    // Not a byte-order mark after all: give back the bytes taken for one.
    const taken = this.bomIndex;
    this.bomIndex = BOM.length;
    if (taken === i) return bytes;
    const restored = new Uint8Array(taken + bytes.length - i);
    restored.set(BOM.slice(0, taken));
    restored.set(bytes.subarray(i), taken);
    return restored;
  }

  private run(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.failed = true;
      const stop = error instanceof SyntaxStop ? error : this.tokenizerStop(error);
      if (!stop) throw error;
      const { line, column } = this.position(stop.offset);
      throw new JsonStreamSyntaxError(line, column, stop.reason);
    }
  }

  private advanceLines(bytes: Uint8Array): void {
    let breaks = 0;
    let lastBreak = -1;
    for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) {
      breaks++;
      lastBreak = i;
    }
    this.linesBefore += breaks;
    this.columnAtChunk =
      lastBreak === -1 ? this.columnAtChunk + utf16Length(bytes, 0, bytes.length) : utf16Length(bytes, lastBreak + 1, bytes.length);
    this.chunkStart += bytes.length;
  }

  /** Line and column (both from 1) of a byte offset in the current chunk or just before it. */
  private position(offset: number): { line: number; column: number } {
    const at = offset - this.chunkStart;
    if (at < 0) {
      // A token that began in an earlier chunk (never across a line break): counted as one unit per byte.
      return { line: this.linesBefore + 1, column: Math.max(1, this.columnAtChunk + at + 1) };
    }
    const end = Math.min(at, this.chunk.length);
    let breaks = 0;
    let lastBreak = -1;
    for (let i = this.chunk.indexOf(NEWLINE); i !== -1 && i < end; i = this.chunk.indexOf(NEWLINE, i + 1)) {
      breaks++;
      lastBreak = i;
    }
    const column = lastBreak === -1 ? this.columnAtChunk + utf16Length(this.chunk, 0, end) : utf16Length(this.chunk, lastBreak + 1, end);
    return { line: this.linesBefore + breaks + 1, column: column + 1 };
  }

  /** The character at a byte offset of the current chunk, quoted, or "end of input". */
  private describeAt(offset: number): string {
    const at = offset - this.chunkStart;
    if (at < 0 || at >= this.chunk.length) return 'end of input';
    const text = new TextDecoder().decode(this.chunk.subarray(at, at + 4));
    return JSON.stringify(String.fromCodePoint(text.codePointAt(0) ?? 0xfffd));
  }

  /** The tokenizer's own errors, told the way json-syntax.ts tells them. */
  private tokenizerStop(error: unknown): SyntaxStop | null {
    if (!(error instanceof Error)) return null;
    if (error instanceof TypeError && /encoded data|utf-?8/i.test(error.message)) {
      return new SyntaxStop(this.chunkStart, 'the file is not UTF-8 text (save it as UTF-8)');
    }
    const ended = /ended in the middle of a token \(state: (\w+)\)/.exec(error.message);
    if (ended) {
      const reason = ended[1].startsWith('STRING') ? 'a string is not closed' : 'unexpected end of input';
      return new SyntaxStop(this.chunkStart, reason);
    }
    const match = /absolute position "(\d+)"\) in state (\w+)$/.exec(error.message);
    if (!match) return null;
    const offset = Number(match[1]);
    const state = match[2];
    if (state === 'START' || state === 'BOM_OR_START') {
      try {
        this.unexpected(offset, this.describeAt(offset));
      } catch (stop) {
        return stop as SyntaxStop;
      }
    }
    if (state === 'STRING_DEFAULT') return new SyntaxStop(offset, 'a control character (such as a line break) inside a string');
    if (state === 'STRING_AFTER_BACKSLASH') return new SyntaxStop(offset - 1, 'invalid escape in a string');
    const digit = /^STRING_UNICODE_DIGIT_(\d)$/.exec(state);
    if (digit) return new SyntaxStop(offset - Number(digit[1]) - 1, 'invalid \\u escape in a string');
    if (state.startsWith('NUMBER')) return new SyntaxStop(offset, `invalid number: unexpected ${this.describeAt(offset)}`);
    if (/^(TRUE|FALSE|NULL)\d$/.test(state))
      return new SyntaxStop(offset, `unexpected ${this.describeAt(offset)} (expected true, false or null)`);
    return new SyntaxStop(offset, `unexpected ${this.describeAt(offset)}`);
  }

  /** Throws the error for `found` (a quoted character, or null for the end) where it is not allowed. */
  private unexpected(offset: number, found: string | null): never {
    const what = found ?? 'end of input';
    const frame = this.frames[this.frames.length - 1];
    switch (this.expect) {
      case Expect.FirstKey:
      case Expect.Key:
        throw new SyntaxStop(offset, `expected a property name in double quotes, found ${what}`);
      case Expect.Colon:
        throw new SyntaxStop(offset, `expected ':' after a property name, found ${what}`);
      case Expect.Comma:
        throw new SyntaxStop(
          offset,
          frame.isArray
            ? `expected ',' or ']' after an array element, found ${what}`
            : `expected ',' or '}' after a property value, found ${what}`,
        );
      case Expect.End:
        throw new SyntaxStop(offset, `unexpected ${what} after the end of the JSON value`);
      default:
        throw new SyntaxStop(offset, found === null ? 'unexpected end of input' : `unexpected ${found}`);
    }
  }

  private onToken(token: TokenType, value: unknown, offset: number): void {
    const expect = this.expect;
    const expectsValue = expect === Expect.Value || expect === Expect.FirstElement || expect === Expect.Element;
    switch (token) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        if (!expectsValue) break;
        this.checkDepth(offset);
        if (token === TokenType.LEFT_BRACE) {
          this.frames.push({ container: {}, isArray: false, key: '' });
          this.expect = Expect.FirstKey;
        } else {
          this.frames.push({ container: [], isArray: true, key: 0 });
          this.expect = Expect.FirstElement;
        }
        return;
      case TokenType.RIGHT_BRACE:
        if (expect === Expect.Key) throw new SyntaxStop(offset, "trailing comma before '}'");
        if (expect === Expect.FirstKey || (expect === Expect.Comma && !this.frames[this.frames.length - 1].isArray)) {
          this.complete(this.frames.pop()!.container);
          return;
        }
        break;
      case TokenType.RIGHT_BRACKET:
        if (expect === Expect.Element) throw new SyntaxStop(offset, "trailing comma before ']'");
        if (expect === Expect.FirstElement || (expect === Expect.Comma && this.frames[this.frames.length - 1].isArray)) {
          this.complete(this.frames.pop()!.container);
          return;
        }
        break;
      case TokenType.COLON:
        if (expect !== Expect.Colon) break;
        this.expect = Expect.Value;
        return;
      case TokenType.COMMA: {
        if (expect !== Expect.Comma) break;
        const frame = this.frames[this.frames.length - 1];
        if (frame.isArray) {
          frame.key = (frame.key as number) + 1;
          this.expect = Expect.Element;
        } else {
          this.expect = Expect.Key;
        }
        return;
      }
      case TokenType.STRING:
        if (expect === Expect.FirstKey || expect === Expect.Key) {
          const frame = this.frames[this.frames.length - 1];
          if (Object.hasOwn(frame.container, value as string)) {
            throw new SyntaxStop(offset, `the key ${JSON.stringify(value)} is given twice in one object`);
          }
          frame.key = value as string;
          this.expect = Expect.Colon;
          return;
        }
        if (!expectsValue) break;
        this.checkDepth(offset);
        this.complete(value);
        return;
      case TokenType.NUMBER:
      case TokenType.TRUE:
      case TokenType.FALSE:
      case TokenType.NULL:
        if (!expectsValue) break;
        this.checkDepth(offset);
        this.complete(value);
        return;
    }
    this.unexpected(offset, JSON.stringify(token === TokenType.STRING ? '"' : String(value)[0]));
  }

  private checkDepth(offset: number): void {
    // The same bound as json-syntax.ts: no Replyline file nests beyond a dozen levels.
    if (this.frames.length > MAX_DEPTH) throw new SyntaxStop(offset, `nested more than ${MAX_DEPTH} levels deep`);
  }

  private complete(value: unknown): void {
    if (this.frames.length === 0) {
      this.root = value;
      this.expect = Expect.End;
      return;
    }
    this.expect = Expect.Comma;
    if (this.take(value, this)) return;
    const frame = this.frames[this.frames.length - 1];
    if (frame.isArray) (frame.container as unknown[]).push(value);
    else setKey(frame.container as Record<string, unknown>, frame.key as string, value);
  }
}
