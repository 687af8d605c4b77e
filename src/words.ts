/**
 * A count and its noun, as every report writes it: "1 day", "2 days", "1 overstay period". One
 * helper for the engine's labels and every renderer (QA: "1 days" where a limit was 1). Pure.
 * @example plural(1, 'day') //=> '1 day'
 * @example plural(3, 'entry', 'entries') //=> '3 entries'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * A phrase with its first letter up, to begin a sentence, or down, to go inside one.
 * @example capital('staying on') //=> 'Staying on'
 * @example lower('Latest legal exit') //=> 'latest legal exit'
 */
export const capital = (text: string): string => text.replace(/^./, (f) => f.toUpperCase())
export const lower = (text: string): string => text.replace(/^./, (f) => f.toLowerCase())
