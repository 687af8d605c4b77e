/**
 * Batch output as UTF-8 in buffers of about a megabyte, encoded as pieces come (no joined string
 * to flatten later): what a worker thread posts, and what this thread keeps of a chunk it did
 * ahead of the one being written (src/batch/run.ts). Pure.
 */

/** UTF-8 output is encoded into buffers of this many bytes. */
const BUFFER_BYTES = 1 << 20

export class Utf8Buffers {
  private readonly encoder = new TextEncoder()
  private buffer = new Uint8Array(BUFFER_BYTES)
  private used = 0
  private done: Uint8Array[] = []

  add(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.seal()
      if (text.length * 3 > this.buffer.length) {
        this.done.push(this.encoder.encode(text))
        return
      }
    }
    this.used += this.encoder.encodeInto(text, this.buffer.subarray(this.used)).written
  }

  /** The buffers so far, given away. */
  take(): Uint8Array[] {
    this.seal()
    const done = this.done
    this.done = []
    return done
  }

  private seal(): void {
    if (this.used === 0) return
    this.done.push(this.buffer.subarray(0, this.used))
    this.buffer = new Uint8Array(BUFFER_BYTES)
    this.used = 0
  }
}
