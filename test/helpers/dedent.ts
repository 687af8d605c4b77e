/**
 * Inline multi-line text for tests: drops the first line break, the last line if it is only
 * indentation, and the indentation common to all non-blank lines; keeps blank lines, so line
 * numbers in a CSV written this way are what they look like. Ends with one line break.
 * @example dedent`
 *   entry,exit
 *   2024-01-05,2024-01-10
 * ` //=> 'entry,exit\n2024-01-05,2024-01-10\n'
 */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((all, part, i) => all + part + (i < values.length ? String(values[i]) : ''), '')
  const lines = text.replace(/^\n/, '').split('\n')
  if (/^[ ]*$/.test(lines.at(-1) ?? '')) lines.pop()
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0)
  const cut = Math.min(...indents)
  return `${lines.map((l) => l.slice(cut)).join('\n')}\n`
}
