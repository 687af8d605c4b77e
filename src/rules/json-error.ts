/**
 * Where a text stops being JSON (RFC 8259), for the line of a rules file's syntax error: V8's
 * JSON.parse names the position for some errors only ("at position 7"), not for an unexpected
 * token such as a trailing comma, `NaN` or a `//` comment (QA: those came without a line). Pure.
 */

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const HEX4 = /[0-9a-fA-F]{4}/y
const ESCAPED = '"\\/bfnrt'

/**
 * The offset of the first character that no JSON text could have there (the text's length when it
 * ends too soon), or `undefined` when the text is JSON, or nests too deeply to follow.
 * @example jsonErrorOffset('{"a": [1,]}') //=> 9
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++
  }
  const need = (c: string): void => {
    if (text[i] !== c) throw new Stop(i)
    i++
  }
  const string = (): void => {
    need('"')
    for (;;) {
      const c = text[i]
      if (c === undefined || c < ' ') throw new Stop(i)
      i++
      if (c === '"') return
      if (c !== '\\') continue
      if (text[i] === 'u') {
        HEX4.lastIndex = i + 1
        if (!HEX4.test(text)) throw new Stop(i)
        i += 5
      } else if (text[i] !== undefined && ESCAPED.includes(text[i]!)) i++
      else throw new Stop(i)
    }
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === '"') return string()
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      i++
      space()
      if (text[i] === close) {
        i++
        return
      }
      for (;;) {
        if (c === '{') {
          space()
          string()
          space()
          need(':')
        }
        value()
        space()
        if (text[i] !== ',') return need(close)
        i++
      }
    }
    LITERAL.lastIndex = i
    const literal = LITERAL.exec(text)
    if (literal === null) throw new Stop(i)
    i += literal[0].length
  }
  try {
    value()
    space()
    return i < text.length ? i : undefined
  } catch (stop) {
    if (stop instanceof Stop) return stop.at
    // Nested deeper than the stack: JSON.parse's message is all there is.
    if (stop instanceof RangeError) return undefined
    throw stop
  }
}

class Stop {
  constructor(readonly at: number) {}
}
