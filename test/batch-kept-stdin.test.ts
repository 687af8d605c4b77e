/** Standard input or a pipe kept as it streams, to be read again whole after a malformed row (src/batch/kept-stdin.ts). */
import { describe, expect, it } from 'vitest'
import { KeptStdin } from '../src/batch/kept-stdin.js'

/** A source of `chunks` that records whether it was closed. */
function source(chunks: readonly string[]) {
  const state = { closed: false, read: 0 }
  const iterator: AsyncIterator<Uint8Array | string> = {
    next: () => Promise.resolve(state.read < chunks.length ? { done: false, value: new TextEncoder().encode(chunks[state.read++]!) } : { done: true, value: undefined }),
    return: () => {
      state.closed = true
      return Promise.resolve({ done: true, value: undefined })
    },
  }
  return { iterator, state }
}

async function take(kept: KeptStdin, n: number): Promise<string> {
  const it = kept[Symbol.asyncIterator]()
  let text = ''
  for (let i = 0; i < n; i++) {
    const got = await it.next()
    if (got.done === true) break
    text += new TextDecoder().decode(got.value as Uint8Array)
  }
  // A reader leaving early (streamCsv after a malformed row) does not close the input.
  await it.return?.()
  return text
}

describe('KeptStdin', () => {
  it('left early, gives the whole input: the chunks read and the rest', async () => {
    const { iterator, state } = source(['a,b\n', '1,"2"x\n', '3,4\n', '5,6\n'])
    const kept = new KeptStdin(iterator)
    expect(await take(kept, 2)).toBe('a,b\n1,"2"x\n')
    expect(state.closed).toBe(false)
    expect(await kept.whole()).toBe('a,b\n1,"2"x\n3,4\n5,6\n')
  })

  it('past its limit keeps nothing: no whole input, and the input is closed', async () => {
    const { iterator, state } = source(['a,b\n', '1,2\n', '3,4\n'])
    const kept = new KeptStdin(iterator, 6)
    expect(await take(kept, 1)).toBe('a,b\n')
    expect(await kept.whole()).toBeUndefined()
    expect(state.closed).toBe(true)
  })

  it('within its limit to the last byte', async () => {
    const { iterator } = source(['a,b\n', '1,2\n'])
    const kept = new KeptStdin(iterator, 8)
    expect(await kept.whole()).toBe('a,b\n1,2\n')
  })
})
