/**
 * Traveller names → dense ids 0, 1, 2 … in order of first sight. The hot path of batch reading:
 * every row asks once, for travellers in no particular order, so each lookup lands on a part of
 * the table no recent one touched. An open-addressing table over one typed array whose slot holds
 * the hash, the id and, for a short name (up to 7 characters, each below U+0100: "P16809"), the name
 * itself packed into two integers: a lookup then reads one cache line and no string object
 * (measured: about half the time of the earlier table that kept the names' characters apart).
 * Longer names are compared with the kept string. Pure.
 */

const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

/** Integers per slot: hash, id + 1 (0: empty), then the packed name (`LONG` if not packed). */
const SLOT = 4
/** Packed names start with their length (0 … 7) in the low byte, so this is never one. */
const LONG = -1
const MAX_PACKED = 7

export class Interner {
  private table = new Int32Array(SLOT << 12)
  /** Slots - 1 (a power of two - 1). Kept at most half full. */
  private mask = (1 << 12) - 1
  /** The hash and packed form of the name last looked up. */
  private hash = 0
  private packed0 = 0
  private packed1 = 0
  /** The names, by id. */
  readonly names: string[] = []

  /** The id of `name`, given the next free one if it is new. */
  id(name: string): number {
    const slot = this.slotOf(name)
    const found = this.table[slot * SLOT + 1]!
    return found !== 0 ? found - 1 : this.add(name, slot)
  }

  /** A new id for `name` that no lookup by name finds (a traveller named by a file: its path is that file's alone). */
  fresh(name: string): number {
    this.names.push(name)
    return this.names.length - 1
  }

  /** The id of `name`, or `undefined` if it was never seen. */
  find(name: string): number | undefined {
    const found = this.table[this.slotOf(name) * SLOT + 1]!
    return found === 0 ? undefined : found - 1
  }

  /** The slot holding `name`, or the empty slot where it belongs; remembers its hash and packed form. */
  private slotOf(name: string): number {
    const n = name.length
    let h = FNV_OFFSET
    let p0 = n
    let p1 = 0
    let packs = n <= MAX_PACKED
    for (let i = 0; i < n; i++) {
      const c = name.charCodeAt(i)
      h = Math.imul(h ^ c, FNV_PRIME)
      if (c > 0xff) packs = false
      else if (i < 3) p0 |= c << (8 * (i + 1))
      else p1 |= c << (8 * (i - 3))
    }
    if (!packs) {
      p0 = LONG
      p1 = 0
    }
    this.hash = h
    this.packed0 = p0
    this.packed1 = p1
    const { table, mask, names } = this
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT
      const entry = table[at + 1]!
      if (entry === 0) return slot
      if (table[at] !== h || table[at + 2] !== p0) continue
      // Equal packed forms are equal names; a long name is compared whole.
      if (p0 === LONG ? names[entry - 1] === name : table[at + 3] === p1) return slot
    }
  }

  /** Adds `name`, just looked up by `slotOf` and found missing at `slot`. */
  private add(name: string, slot: number): number {
    const id = this.names.length
    this.names.push(name)
    const at = slot * SLOT
    this.table[at] = this.hash
    this.table[at + 1] = id + 1
    this.table[at + 2] = this.packed0
    this.table[at + 3] = this.packed1
    if (this.names.length * 2 > this.mask + 1) this.rehash()
    return id
  }

  private rehash(): void {
    const old = this.table
    const mask = (this.mask + 1) * 2 - 1
    const table = new Int32Array((mask + 1) * SLOT)
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + 1] === 0) continue
      let slot = old[from]! & mask
      while (table[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask
      for (let k = 0; k < SLOT; k++) table[slot * SLOT + k] = old[from + k]!
    }
    this.table = table
    this.mask = mask
  }
}
