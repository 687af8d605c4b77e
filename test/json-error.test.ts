/** The JSON error locator (src/rules/json-error.ts) against JSON.parse itself, on random texts. */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { jsonErrorOffset } from '../src/rules/json-error.js'

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('jsonErrorOffset', () => {
  test.prop([fc.json()], { numRuns: 500 })('JSON text has no error offset', (text) => {
    expect(jsonErrorOffset(text)).toBeUndefined()
  })

  test.prop([fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom(',', ']', '}', '[', '{', ':', '"', 'x', '/', '\\', '\n', ' ', '1', '-', '.', 'e')], { numRuns: 2000 })(
    'a text with a character put in is JSON exactly when no offset is found; where V8 names a position, ours is on its line',
    (json, at, c) => {
      const k = at % (json.length + 1)
      const text = json.slice(0, k) + c + json.slice(k)
      const offset = jsonErrorOffset(text)
      expect(offset === undefined, text).toBe(parses(text))
      if (offset === undefined) return
      expect(offset).toBeGreaterThanOrEqual(0)
      expect(offset).toBeLessThanOrEqual(text.length)
      try {
        JSON.parse(text)
      } catch (error) {
        const v8 = /at position (\d+)/.exec((error as Error).message)
        // Within a bad literal (`n"ull`) V8 points past its first letter, this at it: the same line.
        const line = (n: number) => text.slice(0, n).split('\n').length
        if (v8 !== null) expect(line(offset), text).toBe(line(Number(v8[1])))
      }
    },
  )

  it.each([
    ['{"a": [1,]}', 9],
    ['{"a": NaN}', 6],
    ['[1 2]', 3],
    ['"abc', 4],
    ['{"a":1}x', 7],
    ['', 0],
    ['"\\x"', 2],
    ['"\\u12G4"', 2],
  ])('%j stops at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset)
  })

  it('nesting deeper than the stack: no offset rather than a crash', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBeUndefined()
  })
})
