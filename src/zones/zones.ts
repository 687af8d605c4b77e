/**
 * Zones as data: which countries each rule counts, from when. Adding a zone or a member never
 * touches the attribution code. Sources are cited per member below.
 */
import { day } from '../day.js'
import { countryOf } from './countries.js'
import type { Membership, SideTrips, Zone } from './types.js'

const members = (codes: string, from: string | null, extra: Partial<Membership> = {}): Membership[] =>
  codes.split(' ').map((country) => ({ country, from: from === null ? null : day(from), to: null, ...extra }))

/**
 * The Schengen area: the 29 states with the date from which the Schengen acquis applied to each
 * in full, i.e. the first day its territory counts toward "90 days in any 180" (SBC Art. 6;
 * only days in states that were full members on that date count).
 * Where internal air and land checks were lifted on different dates, the earlier date is the
 * start of full application and the one used here. Sources:
 * - BE DE ES FR LU NL PT: 1995-03-26, the Schengen Convention put into effect (Executive Committee
 *   decision SCH/Com-ex (94) 29 rev. 2); austria-forum.org "Schengener Übereinkommen"; surinenglish.com.
 * - IT: 1997-10-26 (land checks lifted 1998-04-01); AT: 1997-12-01 (internal controls ended
 *   1998-04-01) — austria-forum.org.
 * - GR: 2000-01-01, Council Decision 1999/848/EC (sea checks lifted that day, air 2000-03-26) — weltalmanach.de.
 * - DK FI IS NO SE: 2001-03-25, Council Decision 2000/777/EC.
 * - CZ EE HU LT LV MT PL SI SK: 2007-12-21 (land and sea; air 2008-03-30), Council Decision 2007/801/EC.
 * - CH: 2008-12-12 (land; air 2009-03-29), Council Decision 2008/903/EC.
 * - LI: 2011-12-19, Council Decision 2011/842/EU.
 * - HR: 2023-01-01 (air 2023-03-26), Council Decision (EU) 2022/2451.
 * - BG RO: 2024-03-31, Council Decision (EU) 2024/210 of 30 Dec 2023 (air and sea checks lifted);
 *   land checks lifted 2025-01-01, Council Decision (EU) 2024/3212. Days there count from
 *   2024-03-31, as the Commission spokesperson and the Romanian and Bulgarian authorities confirmed
 *   (reported by Fragomen, euhelpers.pl and monteozlive).
 * - Not members: Ireland (opt-out) and Cyprus (the acquis does not yet apply in full).
 * - Monaco, San Marino and the Vatican are not Schengen states, but are reached only through France
 *   or Italy with no border checks: the border guard sees no exit, so their days are counted
 *   (conservative), from the date France or Italy joined.
 */
const SCHENGEN: Zone = {
  id: 'schengen',
  name: 'Schengen area',
  the: true,
  rule: 'schengen',
  members: [
    ...members('BE DE ES FR LU NL PT', '1995-03-26'),
    ...members('IT', '1997-10-26'),
    ...members('AT', '1997-12-01'),
    ...members('GR', '2000-01-01'),
    ...members('DK FI IS NO SE', '2001-03-25'),
    // Åland is Finnish territory with its own ISO code: its tax status leaves the Schengen acquis
    // applying there as in the rest of Finland (QA; Visit Åland, OAMK). Svalbard (SJ), the Faroes
    // and Greenland are outside, as are France's overseas regions.
    ...members('AX', '2001-03-25', { partOf: 'FI' }),
    ...members('CZ EE HU LT LV MT PL SI SK', '2007-12-21'),
    ...members('CH', '2008-12-12'),
    ...members('LI', '2011-12-19'),
    ...members('HR', '2023-01-01'),
    ...members('BG RO', '2024-03-31', { note: 'air and sea borders; land-border checks lifted from 2025-01-01' }),
    ...members('MC', '1995-03-26', { deFacto: true }),
    ...members('SM VA', '1997-10-26', { deFacto: true }),
  ],
  nonMembers: [
    { country: 'IE', reason: 'Ireland is not in the Schengen area' },
    { country: 'CY', reason: 'Cyprus is not in the Schengen area' },
  ],
  source: 'Council decisions on the full application of the Schengen acquis, from Decision 1999/848/EC to Decisions (EU) 2024/210 and 2024/3212',
}

/**
 * Side trips that do not end a Visa Waiver Program admission: "a side trip to Canada, Mexico or the
 * adjacent islands does not start a new admission" unless the traveller lives there (9 FAM
 * 201.1-4(C)(e)(2); 8 CFR 217.3(b): readmission "for the balance" of the
 * original admission). The adjacent islands as INA §101(b)(5) (8 U.S.C. 1101(b)(5)) defines them:
 * Saint Pierre, Miquelon, Cuba, the Dominican Republic, Haiti, Bermuda, the Bahamas, Barbados,
 * Jamaica, the Windward and Leeward Islands, Trinidad, Martinique, and other British, French and
 * Netherlands territory in or bordering on the Caribbean Sea (the wider, conservative list: every
 * trip there keeps the admission running).
 */
const US_SIDE_TRIPS: SideTrips = {
  countries: [
    'CA', 'MX',
    'PM', 'CU', 'DO', 'HT', 'BM', 'BS', 'BB', 'JM', 'TT', 'MQ',
    // Windward and Leeward Islands
    'AG', 'DM', 'GD', 'KN', 'LC', 'VC', 'MS', 'AI', 'VG', 'GP', 'MF', 'BL',
    // other British, French and Netherlands territory in the Caribbean
    'KY', 'TC', 'AW', 'CW', 'SX', 'BQ',
  ],
  source: '9 FAM 201.1-4(C)(e)(2); 8 CFR 217.3(b); adjacent islands: INA §101(b)(5)',
}

/** A country with its own preset; `--rule` also knows it by its alpha-2 and alpha-3 codes. */
function single(id: string, name: string, rule: string, codes = id.toUpperCase()): Zone {
  const own = countryOf(codes.split(' ')[0] ?? '')
  const aliases = [own.code, own.alpha3].map((c) => c.toLowerCase()).filter((a) => a !== id)
  const the = name.startsWith('United ')
  return { id, aliases, name, ...(the ? { the } : {}), rule, members: members(codes, null), source: `the ${name} preset's own territory` }
}

/**
 * A zone's name in a sentence.
 * @example zoneNameInText(schengen) //=> 'the Schengen area'
 */
export const zoneNameInText = (zone: Zone): string => (zone.the === true ? `the ${zone.name}` : zone.name)

let catalogue: readonly Zone[] | undefined

/**
 * Every zone, Schengen first, then the single countries with a preset, in catalogue order.
 * Built on first use: it reads the country table, which runs without countries never need.
 */
export function zones(): readonly Zone[] {
  catalogue ??= buildZones()
  return catalogue
}

const buildZones = (): readonly Zone[] => [
  SCHENGEN,
  single('kz', 'Kazakhstan', 'kz'),
  single('ru', 'Russia', 'ru'),
  single('tr', 'Türkiye', 'tr'),
  single('ua', 'Ukraine', 'ua'),
  single('rs', 'Serbia', 'rs'),
  single('al', 'Albania', 'al'),
  single('ge', 'Georgia', 'ge'),
  single('am', 'Armenia', 'am'),
  // The Visa Waiver Program admits to the United States including Puerto Rico, the US Virgin
  // Islands, Guam and the Northern Mariana Islands; American Samoa has its own entry rules.
  { ...single('us', 'United States', 'us-esta', 'US PR VI GU MP'), sideTrips: US_SIDE_TRIPS },
  single('uk', 'United Kingdom', 'uk-visitor', 'GB'),
  single('mx', 'Mexico', 'mx'),
  single('th', 'Thailand', 'th'),
]

export const zoneIds = (): readonly string[] => zones().map((z) => z.id)

/**
 * A zone by id or alias, case-insensitive.
 * @example findZone('GB')?.id //=> 'uk'
 */
export function findZone(text: string): Zone | undefined {
  const key = text.trim().toLowerCase()
  return zones().find((z) => z.id === key || (z.aliases ?? []).includes(key))
}
