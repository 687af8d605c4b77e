/**
 * The byte writer (src/render/byte-writer.ts) against the strings it stands for: any mix of its
 * writes, into buffers of any size, reads back as the same text joined.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { ascii, ByteWriter } from '../src/render/byte-writer.js'

type Op = { kind: 'bytes'; text: string } | { kind: 'byte'; code: number } | { kind: 'text'; text: string } | { kind: 'quoted'; text: string } | { kind: 'int'; n: number }

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', 'a"b', '\u007f', '\u2028', 'zoë', '🦀', ''))
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), text: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }) }),
  fc.record({ kind: fc.constant('byte' as const), code: fc.integer({ min: 0x20, max: 0x7e }) }),
  fc.record({ kind: fc.constant('text' as const), text: anyText }),
  fc.record({ kind: fc.constant('quoted' as const), text: anyText }),
  fc.record({ kind: fc.constant('int' as const), n: fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, -0, 9, 10, 99, 100, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER)) }),
)

function expected(o: Op): string {
  switch (o.kind) {
    case 'bytes':
    case 'text':
      return o.text
    case 'byte':
      return String.fromCharCode(o.code)
    case 'quoted':
      return JSON.stringify(o.text)
    case 'int':
      return String(o.n)
  }
}

function write(out: ByteWriter, o: Op): void {
  if (o.kind === 'bytes') out.bytes(ascii(o.text))
  else if (o.kind === 'byte') out.byte(o.code)
  else if (o.kind === 'text') out.text(o.text)
  else if (o.kind === 'quoted') out.quoted(o.text)
  else out.int(o.n)
}

describe('ByteWriter', () => {
  test.prop([fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 128 })], { numRuns: 1000 })('any writes into buffers of any size read back as their text', (ops, size) => {
    const out = new ByteWriter(size)
    for (const o of ops) write(out, o)
    const want = ops.map(expected).join('')
    expect(out.length).toBe(Buffer.byteLength(want))
    expect(out.takeText()).toBe(want)
    expect(out.take()).toEqual([])
  })

  it('says when a buffer is full, and gives the bytes away once', () => {
    const out = new ByteWriter(8)
    out.bytes(ascii('12345'))
    expect(out.full).toBe(false)
    out.bytes(ascii('6789'))
    expect(out.full).toBe(true)
    out.bytes(ascii('0123456789abcdef'), 12)
    expect(out.take().map((b) => b.toString('latin1'))).toEqual(['12345', '6789', '0123456789ab'])
    expect(out.length).toBe(0)
  })
})
