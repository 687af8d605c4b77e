/**
 * Traveller names → dense ids 0, 1, 2 … in order of first sight. The hot path of batch reading:
 * every row asks once. An open-addressing table over typed arrays, with each name's UTF-16 code
 * units copied into one arena, so a lookup compares against a few hundred kilobytes of packed
 * data instead of chasing 100,000 string objects across the heap (measured: about a third less
 * time than a `Map<string, number>` on the 1M-row benchmark). Pure.
 */

const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

function hashOf(name: string): number {
  let h = FNV_OFFSET
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME)
  return h
}

function grown<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size)
  bigger.set(array)
  return bigger
}

export class Interner {
  /** Slots: 0 empty, else id + 1. Kept at most half full. */
  private table = new Int32Array(1 << 12)
  private hashes = new Int32Array(1 << 11)
  /** Name `id` is `arena[offsets[id]] … arena[offsets[id + 1] - 1]`. */
  private offsets = new Int32Array(1 << 11)
  private arena = new Uint16Array(1 << 14)
  private used = 0
  /** The names, by id. */
  readonly names: string[] = []

  /** The id of `name`, given the next free one if it is new. */
  id(name: string): number {
    const h = hashOf(name)
    const slot = this.slotOf(name, h)
    const found = this.table[slot]!
    return found !== 0 ? found - 1 : this.add(name, h, slot)
  }

  /** The id of `name`, or `undefined` if it was never seen. */
  find(name: string): number | undefined {
    const found = this.table[this.slotOf(name, hashOf(name))]!
    return found === 0 ? undefined : found - 1
  }

  /** The slot holding `name`, or the empty slot where it belongs. */
  private slotOf(name: string, h: number): number {
    const { table, hashes, offsets, arena } = this
    const mask = table.length - 1
    const n = name.length
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]!
      if (entry === 0) return slot
      const id = entry - 1
      if (hashes[id] !== h) continue
      const start = offsets[id]!
      if (offsets[id + 1]! - start !== n) continue
      let i = 0
      while (i < n && arena[start + i] === name.charCodeAt(i)) i++
      if (i === n) return slot
    }
  }

  private add(name: string, h: number, slot: number): number {
    const id = this.names.length
    this.names.push(name)
    if (id + 2 > this.hashes.length) {
      this.hashes = grown(this.hashes, this.hashes.length * 2)
      this.offsets = grown(this.offsets, this.offsets.length * 2)
    }
    if (this.used + name.length > this.arena.length) this.arena = grown(this.arena, Math.max(this.arena.length * 2, this.used + name.length))
    for (let i = 0; i < name.length; i++) this.arena[this.used + i] = name.charCodeAt(i)
    this.used += name.length
    this.hashes[id] = h
    this.offsets[id + 1] = this.used
    this.table[slot] = id + 1
    if (this.names.length * 2 > this.table.length) this.rehash()
    return id
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2)
    const mask = table.length - 1
    for (let id = 0; id < this.names.length; id++) {
      let slot = this.hashes[id]! & mask
      while (table[slot] !== 0) slot = (slot + 1) & mask
      table[slot] = id + 1
    }
    this.table = table
  }
}
