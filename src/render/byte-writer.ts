/**
 * Output written as UTF-8 straight into buffers of about a megabyte: no string is built, joined or
 * flattened on the way, and the buffers move between threads without a copy (src/batch/worker.ts).
 * At a million rows the batch writes 166 MB of JSON Lines, and making that text as strings, then
 * encoding it, cost more than evaluating the travellers (bench/batch.js). Pure.
 */

/** Buffers are this many bytes, unless one piece needs more. */
const BUFFER_BYTES = 1 << 20

/** ASCII text as bytes, made once for the literals a writer copies again and again. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0))
}

export class ByteWriter {
  private buffer: Buffer
  private at = 0
  private done: Buffer[] = []

  constructor(private readonly size = BUFFER_BYTES) {
    this.buffer = Buffer.allocUnsafe(size)
  }

  /** The first `n` of `bytes` (all by default), usually a short literal (see `ascii`). */
  bytes(bytes: Uint8Array, n = bytes.length): void {
    if (this.at + n > this.buffer.length) this.next(n)
    const buffer = this.buffer
    const at = this.at
    // A loop costs about 1.4 ns a byte, a call into `set` 16 ns whatever the length (measured).
    if (n >= 12) buffer.set(n === bytes.length ? bytes : bytes.subarray(0, n), at)
    else for (let i = 0; i < n; i++) buffer[at + i] = bytes[i]!
    this.at = at + n
  }

  /** One byte (an ASCII character's code). */
  byte(code: number): void {
    if (this.at === this.buffer.length) this.next(1)
    this.buffer[this.at++] = code
  }

  /** `text` in UTF-8. */
  text(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.at + text.length * 3 > this.buffer.length) this.next(text.length * 3)
    this.at += this.buffer.write(text, this.at, 'utf8')
  }

  /** `JSON.stringify(text)` in UTF-8. */
  quoted(text: string): void {
    const n = text.length
    if (this.at + n + 2 > this.buffer.length) this.next(n + 2)
    const buffer = this.buffer
    const at = this.at
    // Printable ASCII but `"` and `\\` is written as it is; anything else is left to JSON.stringify.
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return this.text(JSON.stringify(text))
      buffer[at + 1 + i] = c
    }
    buffer[at] = 0x22
    buffer[at + n + 1] = 0x22
    this.at = at + n + 2
  }

  /** A safe integer in decimal, as `String(n)` writes it. */
  int(n: number): void {
    if (n < 0) {
      this.byte(45)
      n = -n
    }
    if (n < 10) {
      this.byte(48 + n)
      return
    }
    if (this.at + 16 > this.buffer.length) this.next(16)
    let digits = 1
    for (let p = 10; p <= n; p *= 10) digits++
    const buffer = this.buffer
    let at = this.at + digits
    this.at = at
    do {
      const q = Math.floor(n / 10)
      buffer[--at] = 48 + (n - q * 10)
      n = q
    } while (n > 0)
  }

  /** Bytes written so far and not yet taken. */
  get length(): number {
    let n = this.at
    for (const b of this.done) n += b.length
    return n
  }

  /** Whether some buffers are full: `take` them to write them out as they fill. */
  get full(): boolean {
    return this.done.length > 0
  }

  /** The bytes so far, given away. */
  take(): Buffer[] {
    this.seal()
    const done = this.done
    this.done = []
    return done
  }

  /** Everything written so far as text, given away (tests and small outputs). */
  takeText(): string {
    return this.take()
      .map((b) => b.toString('utf8'))
      .join('')
  }

  private seal(): void {
    if (this.at === 0) return
    this.done.push(this.buffer.subarray(0, this.at))
    this.buffer = Buffer.allocUnsafe(this.size)
    this.at = 0
  }

  /** A new buffer with room for `n` bytes. */
  private next(n: number): void {
    this.seal()
    if (n > this.buffer.length) this.buffer = Buffer.allocUnsafe(n)
  }
}

let warmed = false

/**
 * Runs every path of a writer, a buffer filled and taken among them, before a batch writes its
 * output. V8 optimises `bytes`, `int` and the renderers that inline them long before a megabyte
 * buffer first fills, knowing nothing then of that path, and its first run threw away the
 * optimised code of each of them, to be compiled again (--trace-deopt at 1M rows: six recompiles
 * per thread). V8 keeps no feedback for a function until it has run a while, hence the rounds;
 * buffers beyond Node's pool size, as the real ones are. A few milliseconds, once per thread.
 */
export function warmByteWriter(): void {
  if (warmed) return
  warmed = true
  const long = new Uint8Array(5000).fill(48)
  for (let i = 0; i < 40; i++) {
    const warm = new ByteWriter(8192)
    warm.bytes(long)
    warm.bytes(long, 20)
    warm.int(12345678)
    warm.quoted('a')
    warm.text('b')
    warm.byte(10)
    warm.bytes(long)
    warm.int(-3)
    for (let k = 0; k < 10; k++) warm.bytes(long, 8)
    // Each way of meeting a full buffer: a byte, a quoted text, an integer.
    for (const last of [0, 1, 2]) {
      warm.bytes(long, 8192 - warm.length % 8192 - (last === 0 ? 0 : 3))
      if (last === 0) warm.byte(10)
      else if (last === 1) warm.quoted('abcd')
      else warm.int(123456)
    }
    if (warm.full) warm.take()
  }
}
