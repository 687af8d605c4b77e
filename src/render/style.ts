/** Colour for text output: a chalk instance chosen by the CLI, never the global one. */
import { Chalk } from 'chalk'

export interface TextOptions {
  /** Emit ANSI colour. The CLI decides (TTY, NO_COLOR, FORCE_COLOR, --color/--no-color). */
  readonly color: boolean
}

type Style = (text: string) => string

/**
 * The styles the renderers use. chalk's own type is not named in the library's types: it refers
 * to Node's (`node:tty`), which a project using only the engine need not have (QA).
 */
export interface Paint {
  readonly bold: Style
  readonly dim: Style
  readonly red: Style & { readonly bold: Style }
  readonly yellow: Style & { readonly bold: Style }
  readonly green: Style
  readonly blue: Style
  readonly cyan: Style
}

export function paint(options: TextOptions): Paint {
  return new Chalk({ level: options.color ? 1 : 0 })
}
