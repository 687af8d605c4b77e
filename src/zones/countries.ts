/**
 * The country table: ISO 3166-1 alpha-2 (the code stay-calc uses everywhere), alpha-3 and the
 * English short name, plus common alternative and native names users write in their logs.
 * Lookup is case-, accent-, space- and punctuation-insensitive ("côte d'ivoire" = "Cote dIvoire").
 * Pure data and string matching; no I/O.
 *
 * Source: ISO 3166-1 as published by the ISO 3166 Maintenance Agency (249 assigned codes).
 * Kosovo's XK/XKX is user-assigned, not ISO, but is the code the European Commission, Switzerland
 * and most travel documents use, so it is accepted too. `UK` (exceptionally reserved for the
 * United Kingdom) and `EL` (reserved for Greece, the EU's own code) are accepted as aliases.
 */
import { SPREADSHEET_ERROR } from '../parse/spreadsheet-error.js'

export interface Country {
  /** ISO 3166-1 alpha-2, upper case, e.g. `DE`. */
  readonly code: string
  /** ISO 3166-1 alpha-3, e.g. `DEU`. */
  readonly alpha3: string
  /** English short name, e.g. `Germany`. */
  readonly name: string
  /** Other names and codes accepted for it. */
  readonly aliases: readonly string[]
}

/** `alpha2 alpha3 Name | alias | alias`, one country a line. */
const TABLE = `
AD AND Andorra
AE ARE United Arab Emirates | UAE | Emirates
AF AFG Afghanistan
AG ATG Antigua and Barbuda
AI AIA Anguilla
AL ALB Albania | Shqipëria
AM ARM Armenia | Hayastan | Հայաստան
AO AGO Angola
AQ ATA Antarctica
AR ARG Argentina
AS ASM American Samoa
AT AUT Austria | Österreich
AU AUS Australia
AW ABW Aruba
AX ALA Åland Islands | Åland
AZ AZE Azerbaijan
BA BIH Bosnia and Herzegovina | Bosnia
BB BRB Barbados
BD BGD Bangladesh
BE BEL Belgium | België | Belgique
BF BFA Burkina Faso
BG BGR Bulgaria | България
BH BHR Bahrain
BI BDI Burundi
BJ BEN Benin
BL BLM Saint Barthélemy
BM BMU Bermuda
BN BRN Brunei Darussalam | Brunei
BO BOL Bolivia | Bolivia (Plurinational State of) | Bolivia, Plurinational State of | Plurinational State of Bolivia
BQ BES Bonaire, Sint Eustatius and Saba | Caribbean Netherlands
BR BRA Brazil | Brasil
BS BHS Bahamas
BT BTN Bhutan
BV BVT Bouvet Island
BW BWA Botswana
BY BLR Belarus
BZ BLZ Belize
CA CAN Canada
CC CCK Cocos (Keeling) Islands
CD COD Democratic Republic of the Congo | DR Congo | Congo-Kinshasa | Congo (the Democratic Republic of the) | Congo, the Democratic Republic of the | Congo, Democratic Republic of the | DRC
CF CAF Central African Republic
CG COG Congo | Republic of the Congo | Congo-Brazzaville | Congo, Republic of the | Republic of Congo
CH CHE Switzerland | Schweiz | Suisse | Svizzera
CI CIV Côte d'Ivoire | Ivory Coast
CK COK Cook Islands
CL CHL Chile
CM CMR Cameroon
CN CHN China
CO COL Colombia
CR CRI Costa Rica
CU CUB Cuba
CV CPV Cabo Verde | Cape Verde
CW CUW Curaçao
CX CXR Christmas Island
CY CYP Cyprus | Κύπρος | Republic of Cyprus
CZ CZE Czechia | Czech Republic | Česko
DE DEU Germany | Deutschland
DJ DJI Djibouti
DK DNK Denmark | Danmark
DM DMA Dominica
DO DOM Dominican Republic
DZ DZA Algeria
EC ECU Ecuador
EE EST Estonia | Eesti
EG EGY Egypt
EH ESH Western Sahara
ER ERI Eritrea
ES ESP Spain | España
ET ETH Ethiopia
FI FIN Finland | Suomi
FJ FJI Fiji
FK FLK Falkland Islands | Falkland Islands (Malvinas) | Falkland Islands (the) [Malvinas]
FM FSM Micronesia | Micronesia (Federated States of) | Micronesia, Federated States of | Federated States of Micronesia
FO FRO Faroe Islands
FR FRA France
GA GAB Gabon
GB GBR United Kingdom | UK | Great Britain | Britain | England | Scotland | Wales | Northern Ireland | United Kingdom of Great Britain and Northern Ireland
GD GRD Grenada
GE GEO Georgia | Sakartvelo | საქართველო
GF GUF French Guiana
GG GGY Guernsey
GH GHA Ghana
GI GIB Gibraltar
GL GRL Greenland
GM GMB Gambia
GN GIN Guinea
GP GLP Guadeloupe
GQ GNQ Equatorial Guinea
GR GRC Greece | EL | Hellas | Ελλάδα
GS SGS South Georgia and the South Sandwich Islands
GT GTM Guatemala
GU GUM Guam
GW GNB Guinea-Bissau
GY GUY Guyana
HK HKG Hong Kong
HM HMD Heard Island and McDonald Islands
HN HND Honduras
HR HRV Croatia | Hrvatska
HT HTI Haiti
HU HUN Hungary | Magyarország
ID IDN Indonesia
IE IRL Ireland | Éire | Republic of Ireland
IL ISR Israel
IM IMN Isle of Man
IN IND India
IO IOT British Indian Ocean Territory
IQ IRQ Iraq
IR IRN Iran | Iran (Islamic Republic of) | Iran, Islamic Republic of | Islamic Republic of Iran
IS ISL Iceland | Ísland
IT ITA Italy | Italia
JE JEY Jersey
JM JAM Jamaica
JO JOR Jordan
JP JPN Japan
KE KEN Kenya
KG KGZ Kyrgyzstan | Kyrgyz Republic
KH KHM Cambodia
KI KIR Kiribati
KM COM Comoros
KN KNA Saint Kitts and Nevis
KP PRK North Korea | Korea (the Democratic People's Republic of) | Korea, Democratic People's Republic of | Democratic People's Republic of Korea | DPRK | Korea, North
KR KOR South Korea | Korea (the Republic of) | Korea, Republic of | Republic of Korea | Korea, South
KW KWT Kuwait
KY CYM Cayman Islands
KZ KAZ Kazakhstan | Qazaqstan | Казахстан
LA LAO Laos | Lao People's Democratic Republic | Lao PDR
LB LBN Lebanon
LC LCA Saint Lucia
LI LIE Liechtenstein
LK LKA Sri Lanka
LR LBR Liberia
LS LSO Lesotho
LT LTU Lithuania | Lietuva
LU LUX Luxembourg
LV LVA Latvia | Latvija
LY LBY Libya
MA MAR Morocco
MC MCO Monaco
MD MDA Moldova | Moldova (the Republic of) | Moldova, Republic of | Republic of Moldova
ME MNE Montenegro | Crna Gora
MF MAF Saint Martin | Saint Martin (French part)
MG MDG Madagascar
MH MHL Marshall Islands
MK MKD North Macedonia | Macedonia | Republic of North Macedonia | Macedonia, the former Yugoslav Republic of
ML MLI Mali
MM MMR Myanmar | Burma
MN MNG Mongolia
MO MAC Macao | Macau
MP MNP Northern Mariana Islands
MQ MTQ Martinique
MR MRT Mauritania
MS MSR Montserrat
MT MLT Malta
MU MUS Mauritius
MV MDV Maldives
MW MWI Malawi
MX MEX Mexico | México
MY MYS Malaysia
MZ MOZ Mozambique
NA NAM Namibia
NC NCL New Caledonia
NE NER Niger
NF NFK Norfolk Island
NG NGA Nigeria
NI NIC Nicaragua
NL NLD Netherlands | The Netherlands | Holland | Nederland | Netherlands (Kingdom of the) | Kingdom of the Netherlands
NO NOR Norway | Norge
NP NPL Nepal
NR NRU Nauru
NU NIU Niue
NZ NZL New Zealand
OM OMN Oman
PA PAN Panama
PE PER Peru
PF PYF French Polynesia
PG PNG Papua New Guinea
PH PHL Philippines
PK PAK Pakistan
PL POL Poland | Polska
PM SPM Saint Pierre and Miquelon
PN PCN Pitcairn
PR PRI Puerto Rico
PS PSE Palestine | Palestine, State of | State of Palestine
PT PRT Portugal
PW PLW Palau
PY PRY Paraguay
QA QAT Qatar
RE REU Réunion
RO ROU Romania | România
RS SRB Serbia | Srbija | Србија
RU RUS Russia | Russian Federation | Россия
RW RWA Rwanda
SA SAU Saudi Arabia
SB SLB Solomon Islands
SC SYC Seychelles
SD SDN Sudan
SE SWE Sweden | Sverige
SG SGP Singapore
SH SHN Saint Helena, Ascension and Tristan da Cunha | Saint Helena
SI SVN Slovenia | Slovenija
SJ SJM Svalbard and Jan Mayen
SK SVK Slovakia | Slovensko | Slovak Republic
SL SLE Sierra Leone
SM SMR San Marino
SN SEN Senegal
SO SOM Somalia
SR SUR Suriname
SS SSD South Sudan
ST STP Sao Tome and Principe
SV SLV El Salvador
SX SXM Sint Maarten | Sint Maarten (Dutch part)
SY SYR Syria | Syrian Arab Republic
SZ SWZ Eswatini | Swaziland
TC TCA Turks and Caicos Islands
TD TCD Chad
TF ATF French Southern Territories
TG TGO Togo
TH THA Thailand
TJ TJK Tajikistan
TK TKL Tokelau
TL TLS Timor-Leste | East Timor
TM TKM Turkmenistan
TN TUN Tunisia
TO TON Tonga
TR TUR Türkiye | Turkey
TT TTO Trinidad and Tobago
TV TUV Tuvalu
TW TWN Taiwan | Taiwan (Province of China) | Taiwan, Province of China
TZ TZA Tanzania | Tanzania, United Republic of | United Republic of Tanzania
UA UKR Ukraine | Україна
UG UGA Uganda
UM UMI United States Minor Outlying Islands
US USA United States | United States of America
UY URY Uruguay
UZ UZB Uzbekistan
VA VAT Holy See | Vatican | Vatican City
VC VCT Saint Vincent and the Grenadines
VE VEN Venezuela | Venezuela (Bolivarian Republic of) | Venezuela, Bolivarian Republic of | Bolivarian Republic of Venezuela
VG VGB British Virgin Islands | Virgin Islands (British) | Virgin Islands, British
VI VIR United States Virgin Islands | US Virgin Islands | Virgin Islands (U.S.) | Virgin Islands, U.S.
VN VNM Viet Nam | Vietnam
VU VUT Vanuatu
WF WLF Wallis and Futuna
WS WSM Samoa
XK XKX Kosovo
YE YEM Yemen
YT MYT Mayotte
ZA ZAF South Africa
ZM ZMB Zambia
ZW ZWE Zimbabwe
`

function parseTable(text: string): Country[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [codes = '', ...aliases] = line.split(' | ')
      const [code = '', alpha3 = '', ...name] = codes.split(' ')
      return { code, alpha3, name: name.join(' '), aliases }
    })
}

// Built on first use: most runs have no country column and should not pay for the table.
let table: readonly Country[] | undefined
export function countries(): readonly Country[] {
  table ??= parseTable(TABLE)
  return table
}

/**
 * The matching key of a name or code: lower case, accents dropped, `&` read as "and", and
 * everything but letters and digits removed (any script: "Россия" stays Cyrillic).
 * @example countryKey("Côte d'Ivoire") //=> 'cotedivoire'
 */
export function countryKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]/gu, '')
}

function keysOf(c: Country): string[] {
  return [c.code, c.alpha3, c.name, ...c.aliases].map(countryKey)
}

let byKey: ReadonlyMap<string, Country> | undefined
const BY_KEY = (): ReadonlyMap<string, Country> => (byKey ??= new Map(countries().flatMap((c) => keysOf(c).map((k) => [k, c] as const))))

let byCode: ReadonlyMap<string, Country> | undefined
const BY_CODE = (): ReadonlyMap<string, Country> => (byCode ??= new Map(countries().map((c) => [c.code, c])))

/**
 * "Not available" as spreadsheets and people write it (`#N/A`, `N/A`, `n.a.`), or another of a
 * sheet's error values (`#REF!`): no country, though the letters left would spell Namibia's code
 * (QA: a failed lookup's 91 days went to Namibia, exit 0).
 */
export function isNotAvailable(text: string): boolean {
  const t = text.trim()
  return SPREADSHEET_ERROR.test(t) || /^#?n\s*[/.]\s*a\.?$/i.test(t)
}

/**
 * A country by alpha-2, alpha-3 or name (ISO's formal short names too: "Korea, Republic of",
 * "Gambia (the)"), or `undefined`.
 * @example findCountry('deu')?.code //=> 'DE'
 * @example findCountry('Türkiye')?.code //=> 'TR'
 */
export function findCountry(text: string): Country | undefined {
  const written = text.trim()
  if (written.startsWith('#') || isNotAvailable(written)) return undefined
  const key = countryKey(written)
  if (key === '') return undefined
  // A code is written in letters (`U.S.` too): `F/R` and `N A` are no codes.
  if (key.length <= 3 && !/^[\p{L}.]+$/u.test(written)) return undefined
  // ISO 3166-1's own short names put "the" in brackets ("Bahamas (the)"), lists "The Gambia".
  return BY_KEY().get(key) ?? BY_KEY().get(key.replace(/^the(?=.{3})|the$/g, ''))
}

/** The country of a known alpha-2 code (data in src/zones is written with them). */
export function countryOf(code: string): Country {
  const c = BY_CODE().get(code)
  if (c === undefined) throw new RangeError(`not an ISO 3166-1 alpha-2 code in the table: ${code}`)
  return c
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function distance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j
  const at = (i: number, j: number): number => (rows[i] as number[])[j] as number
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, at(i - 2, j - 2) + 1)
      ;(rows[i] as number[])[j] = d
    }
  }
  return at(a.length, b.length)
}

/**
 * Up to `max` countries whose code or name is close to `text` (a typo, or part of a name),
 * best first. Codes (two or three letters) are compared with codes, names with names; a
 * two-letter code only with its letters swapped.
 * @example suggestCountries('Germny').map((c) => c.code) //=> ['DE']
 */
export function suggestCountries(text: string, max = 3): Country[] {
  const key = countryKey(text)
  if (key === '') return []
  const scored: { country: Country; score: number }[] = []
  for (const c of countries()) {
    let best = Number.POSITIVE_INFINITY
    for (const k of keysOf(c)) {
      const isCode = k.length <= 3
      if (isCode !== key.length <= 3) continue
      const d = distance(key, k)
      // Two letters are one letter away from a dozen codes: only a swap ("ED" for DE) is worth saying.
      if (key.length === 2 && k !== [...key].reverse().join('')) continue
      const allowed = isCode ? 1 : key.length <= 5 ? 1 : key.length <= 10 ? 2 : 3
      if (d <= allowed) best = Math.min(best, d)
      else if (!isCode && key.length >= 4 && k.includes(key)) best = Math.min(best, 1.5)
    }
    if (best < Number.POSITIVE_INFINITY) scored.push({ country: c, score: best })
  }
  return scored
    .sort((a, b) => a.score - b.score || a.country.code.localeCompare(b.country.code))
    .slice(0, max)
    .map((s) => s.country)
}

/** `DE (Germany)`. */
export const countryLabel = (c: Country): string => `${c.code} (${c.name})`
