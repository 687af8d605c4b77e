/** Colour for text output: a chalk instance chosen by the CLI, never the global one. */
import { Chalk, type ChalkInstance } from 'chalk'

export interface TextOptions {
  /** Emit ANSI colour. The CLI decides (TTY, NO_COLOR, FORCE_COLOR, --color/--no-color). */
  readonly color: boolean
}

export function paint(options: TextOptions): ChalkInstance {
  return new Chalk({ level: options.color ? 1 : 0 })
}
