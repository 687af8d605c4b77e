/**
 * A batch's small files read whole, ahead of their turn (src/read-ahead.ts). Only regular files (a
 * size to trust) and small ones: a FIFO is never touched here, a big file is streamed (and may be
 * shared among threads).
 */
import type { Io } from '../io.js'

/** Files up to this size are read ahead whole; bigger ones are streamed. */
export const PREFETCH_MAX_BYTES = 256 << 10

/**
 * `path`'s bytes when it is a regular file of at most `most` bytes and it reads cleanly, else
 * `undefined` (it is then read as any other file, and any failure told the same way).
 */
export async function smallFile(path: string, io: Pick<Io, 'fileSize' | 'readBytes'>, most = PREFETCH_MAX_BYTES): Promise<Uint8Array | undefined> {
  const { fileSize, readBytes } = io
  if (path === '-' || fileSize === undefined || readBytes === undefined) return undefined
  try {
    const size = await fileSize(path)
    if (size === undefined || size > most) return undefined
    const bytes = await readBytes(path, 0, size)
    // Shorter than it was sized (rewritten meanwhile): streamed instead, as it is then.
    return bytes.length === size ? bytes : undefined
  } catch {
    return undefined
  }
}
