/**
 * Rule presets as data. Adding a preset never touches the engine.
 * Sources and reasoning: ../shared/rules-reference.md (kept in the README's rules table).
 */
import { day } from '../day.js'
import type { Rule } from './types.js'

export const PRESETS = [
  {
    id: 'schengen',
    label: 'Schengen area short stay (90 days in any 180)',
    countFrom: null,
    constraints: [{ kind: 'rolling', limit: 90, window: 180 }],
    source:
      'Schengen Borders Code, Regulation (EU) 2016/399, Art. 6(1)-(2): "90 days in any 180-day period, which entails considering the 180-day period preceding each day of stay"; entry and exit days are days of stay',
    confidence: 'official',
    notes: [
      'The window for day D is D-179 ... D inclusive (Swiss SEM examples 5 and 6; European Commission calculator).',
      'Days under a residence permit or long-stay (D) visa do not count: leave them out of the input.',
    ],
  },
  {
    id: 'kz',
    label: 'Kazakhstan, citizens of EAEU states (90 days in any 180, from 2023-01-27)',
    countFrom: day('2023-01-27'),
    constraints: [{ kind: 'rolling', limit: 90, window: 180, validFrom: day('2023-01-27') }],
    source:
      'Government Decree No. 1146 of 31 Dec 2022 amending Decree No. 148 (Rules of entry and stay of immigrants); Law "On Migration of the Population" Art. 6; in force 27 Jan 2023 with no retroactive force (MVD, Astana Times 19 Jan 2023; RBC 18 Jan 2023)',
    confidence: 'official',
    notes: [
      'Presence before 2023-01-27 is ignored: "the law has no retroactive force" (MVD, RBC 18 Jan 2023). Some outlets give 26 January.',
      'The 180-day period is read as rolling, like Schengen (counted back from entry or exit).',
      'Entry and exit days both count (conservative; no primary Kazakh text states the convention).',
    ],
  },
] as const satisfies readonly Rule[]
