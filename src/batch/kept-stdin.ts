/**
 * Standard input (or a pipe, a FIFO) streamed in a batch, its bytes kept (up to KEPT_STDIN_BYTES)
 * so that a malformed row can be read again whole, as a file is read again (src/batch/read.ts): a
 * stray quote stops the stream, since csv-parse's recovery may swallow the rows after it (QA: on
 * standard input, one stray quote made every traveller of the batch an error, and those named
 * after it went missing). Past the limit nothing is kept, and the rows after such a row are lost,
 * as before. Leaving the stream early (`return`) leaves the input open: `whole` reads the rest.
 */

/** 64 MB: about three million rows of crossings, a fifth of the memory the 1M-row bench allows. */
export const KEPT_STDIN_BYTES = 64 << 20

export class KeptStdin implements AsyncIterable<Uint8Array | string> {
  private readonly chunks: Uint8Array[] = []
  private bytes = 0
  private over = false

  /** @param limit the most bytes kept (tests give less) */
  constructor(
    private readonly source: AsyncIterator<Uint8Array | string>,
    private readonly limit = KEPT_STDIN_BYTES,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array | string> {
    return { next: () => this.next(), return: () => Promise.resolve({ done: true, value: undefined }) }
  }

  private async next(): Promise<IteratorResult<Uint8Array | string>> {
    const got = await this.source.next()
    if (got.done !== true && !this.over) {
      const chunk = typeof got.value === 'string' ? new TextEncoder().encode(got.value) : got.value
      this.bytes += chunk.length
      if (this.bytes > this.limit) {
        this.over = true
        this.chunks.length = 0
      } else this.chunks.push(chunk)
    }
    return got
  }

  /** The whole input as text (the rest read now), or `undefined` when it was too big to keep. */
  async whole(): Promise<string | undefined> {
    while (!this.over && (await this.next()).done !== true);
    if (this.over) {
      await this.close()
      return undefined
    }
    return Buffer.concat(this.chunks).toString('utf8')
  }

  /** Stops reading standard input (a stream left early for another reason than a malformed row). */
  async close(): Promise<void> {
    this.chunks.length = 0
    await this.source.return?.()
  }
}
