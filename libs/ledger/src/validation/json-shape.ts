import type { FieldError } from './validation-errors.js';

/**
 * Bounds on the shape of a JSON body or import line, checked on its text before it is parsed. The
 * validation libraries take time quadratic in the keys of one object, so a wide one holds the event
 * loop, and recurse once per level of nesting, so a deep one overflows the stack; parsing a very wide
 * object alone is slow (docs/benchmarks.md, 'JSON shape limits').
 */
export interface JsonShapeLimits {
  /** Keys in any one object (SOCAI_MAX_JSON_KEYS). */
  maxKeys: number;
  /** Keys and array items in the whole body or line, all levels together (SOCAI_MAX_JSON_VALUES). */
  maxValues: number;
  /** Levels of objects and arrays, the outermost being 1 (SOCAI_MAX_JSON_DEPTH). */
  maxDepth: number;
}

/** No command object has more than a dozen fields, nor more than four levels. */
export const DEFAULT_JSON_SHAPE_LIMITS: JsonShapeLimits = { maxKeys: 1_000, maxValues: 100_000, maxDepth: 32 };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** One open object or array: its keys or items so far, and where its latest key is in the text. */
interface Frame {
  array: boolean;
  count: number;
  keyStart: number;
  keyEnd: number;
}

/**
 * The first bound the JSON text breaks, as a field error (the path of the object or array at fault,
 * `whole` for the outermost), or undefined. One pass over the characters with a stack no deeper than
 * `maxDepth`: linear time, bounded memory, no recursion, and nothing parsed. Text that is not JSON
 * may pass or not; the parser that runs next refuses it.
 */
export function jsonShapeError(text: string, limits: JsonShapeLimits, whole: 'body' | 'line'): FieldError | undefined {
  const frames: Frame[] = [];
  let values = 0;
  let stringStart = -1;
  let stringEnd = -1;
  /** Just after `[`: the next character that is not blank starts the first item, or closes the array. */
  let openedArray = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) continue;
    if (openedArray) {
      openedArray = false;
      if (code !== CLOSE_ARRAY) {
        frames[frames.length - 1]!.count = 1;
        if (++values > limits.maxValues) return tooManyValues(limits, whole);
      }
    }
    switch (code) {
      case QUOTE: {
        stringStart = at;
        at = closingQuote(text, at);
        stringEnd = at + 1;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY: {
        if (frames.length >= limits.maxDepth) {
          return { field: pathOf(text, frames, frames.length, whole), message: `nested deeper than ${limits.maxDepth} levels (SOCAI_MAX_JSON_DEPTH)` };
        }
        frames.push({ array: code === OPEN_ARRAY, count: 0, keyStart: -1, keyEnd: -1 });
        openedArray = code === OPEN_ARRAY;
        break;
      }
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        frames.pop();
        break;
      case COLON: {
        const frame = frames[frames.length - 1];
        if (frame === undefined || frame.array) break;
        frame.keyStart = stringStart;
        frame.keyEnd = stringEnd;
        if (++frame.count > limits.maxKeys) {
          return { field: pathOf(text, frames, frames.length - 1, whole), message: `an object may hold at most ${limits.maxKeys} keys (SOCAI_MAX_JSON_KEYS)` };
        }
        if (++values > limits.maxValues) return tooManyValues(limits, whole);
        break;
      }
      case COMMA: {
        const frame = frames[frames.length - 1];
        if (frame === undefined || !frame.array) break;
        frame.count++;
        if (++values > limits.maxValues) return tooManyValues(limits, whole);
        break;
      }
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opened at `open` (a quote after an odd run of backslashes is escaped). */
function closingQuote(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

function tooManyValues(limits: JsonShapeLimits, whole: 'body' | 'line'): FieldError {
  return { field: whole, message: `a ${whole} may hold at most ${limits.maxValues} keys and array items in all (SOCAI_MAX_JSON_VALUES)` };
}

/** `lines.3.amount`, like the paths of validation errors: where the first `levels` frames stand; none is `whole`. */
function pathOf(text: string, frames: Frame[], levels: number, whole: string): string {
  if (levels === 0) return whole;
  const keys: string[] = [];
  for (let level = 0; level < levels; level++) {
    const frame = frames[level]!;
    keys.push(frame.array ? String(frame.count - 1) : keyText(text, frame));
  }
  return keys.join('.');
}

function keyText(text: string, frame: Frame): string {
  const quoted = text.slice(frame.keyStart, frame.keyEnd);
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted;
  }
}
