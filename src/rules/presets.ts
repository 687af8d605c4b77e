/**
 * Rule presets as data. Adding a preset never touches the engine.
 * Each cites its legal source (`source`) and says how sure the reading is (`confidence`); the
 * README's rules table is made from them.
 * Where the law is unclear the preset takes the conservative reading and says so in `notes`;
 * a rules file (`--rules-file`) can define the other reading.
 */
import { day } from '../day.js'
import type { Rule } from './types.js'

const INCLUSIVE_ASSUMED =
  'Entry and exit days both count as days of stay (conservative; the retrieved texts do not state the convention).'

export const PRESETS = [
  {
    id: 'schengen',
    label: 'Schengen area short stay (90 days in any 180)',
    kindSummary: 'rolling 90/180 from 2013-10-18',
    countFrom: null,
    // Regulation (EU) No 610/2013 brought in "any 180-day period" from 18 Oct 2013; before it the
    // rule was three months in the six following a first entry (C-241/05 Bot), which this preset
    // does not model: earlier days still count in a window, but no day before it is judged (QA).
    constraints: [{ kind: 'rolling', limit: 90, window: 180, validFrom: day('2013-10-18') }],
    source:
      'Schengen Borders Code, Regulation (EU) 2016/399, Art. 6(1)-(2): "90 days in any 180-day period, which entails considering the 180-day period preceding each day of stay"; entry and exit days are days of stay',
    confidence: 'official',
    notes: [
      'The window for day D is D-179 ... D inclusive (Swiss SEM examples 5 and 6; European Commission calculator).',
      'Days under a residence permit or long-stay (D) visa do not count: leave them out of the input.',
      'The rolling wording applies from 18 Oct 2013 (Regulation (EU) No 610/2013): days from then on are checked, with earlier days counted in their windows. Before it the rule was three months in the six following a first entry (C-241/05 Bot), not modelled: earlier days are not judged.',
    ],
  },
  {
    id: 'kz',
    aliases: ['kz-eaeu'],
    label: 'Kazakhstan, citizens of EAEU states (90 days in any 180, from 2023-01-27)',
    kindSummary: 'rolling 90/180 from 2023-01-27',
    countFrom: day('2023-01-27'),
    constraints: [{ kind: 'rolling', limit: 90, window: 180, validFrom: day('2023-01-27') }],
    source:
      'Government Decree No. 1146 of 31 Dec 2022 amending Decree No. 148 (Rules of entry and stay of immigrants); Law "On Migration of the Population" Art. 6; in force 27 Jan 2023 with no retroactive force (MVD, Astana Times 19 Jan 2023; RBC 18 Jan 2023)',
    confidence: 'official',
    notes: [
      'Presence before 2023-01-27 is ignored: "the law has no retroactive force" (MVD, RBC 18 Jan 2023). Some outlets give 26 January: the rule kz-from-26 in examples/rules/custom.yaml counts from then (--rules-file).',
      'The 180-day period is read as rolling, like Schengen (counted back from entry or exit).',
      'Entry and exit days both count (conservative; no primary Kazakh text states the convention).',
    ],
  },
  {
    id: 'kz-visa-free',
    label: 'Kazakhstan, other visa-exempt foreigners (30 days per entry and 90 in any 180, from 2023-01-27)',
    kindSummary: 'per visit 30 + rolling 90/180 from 2023-01-27',
    countFrom: day('2023-01-27'),
    constraints: [
      { kind: 'per-visit', limit: 30, validFrom: day('2023-01-27') },
      { kind: 'rolling', limit: 90, window: 180, validFrom: day('2023-01-27') },
    ],
    source:
      'Law "On Migration of the Population" Art. 6: a visa-free stay "cannot exceed thirty calendar days from the date of crossing the State border, totalling ninety calendar days within each period of one hundred eighty calendar days" (visitastana.kz citing gov.kz); Government Decree No. 1146 of 31 Dec 2022, in force 27 Jan 2023; US State Department: "up to 30 days on each visit"',
    confidence: 'official',
    notes: [
      'The day of arrival is day 1 of the 30: arriving on 1 March, the 30th day is 30 March.',
      'Presence before 2023-01-27 is ignored (no retroactive force); a stay running across that date counts from it. For the 30 days per entry this is the lenient reading: Art. 6 counts them from the crossing itself, so a stay entered before 27 Jan 2023 may have ended its 30 days earlier than shown.',
      'The 180-day period is read as rolling, like Schengen.',
      INCLUSIVE_ASSUMED,
      'Not for visitors who entered on a visa or obtained a residence permit: their stay follows the document.',
    ],
  },
  {
    id: 'ru',
    label: 'Russia, visa-free stay (90 per calendar year and 90 continuous from 2025; 90 in any 180 before)',
    kindSummary: 'rolling 90/180 until 2024-12-31; 90 per calendar year from 2025-01-01; continuous 90',
    countFrom: null,
    constraints: [
      { kind: 'rolling', limit: 90, window: 180, validTo: day('2024-12-31') },
      { kind: 'year', limit: 90, validFrom: day('2025-01-01') },
      { kind: 'continuous', limit: 90 },
    ],
    source:
      'Federal Law No. 115-FZ "On the legal status of foreign citizens", Art. 5(1): until 31 Dec 2024 "ninety days in total within each period of one hundred eighty days"; from 1 Jan 2025 (Federal Law No. 260-FZ of 8 Aug 2024) "ninety days in total within one calendar year"; in both versions "the continuous period of temporary stay ... may not exceed ninety days"',
    confidence: 'official',
    notes: [
      'The 90/180 window is checked on days up to 2024-12-31, the calendar-year limit from 2025-01-01; days of 2024 do not count toward 2025.',
      'A stay across New Year can break the continuous cap while each year is under 90: entering 2025-11-01, the 90th continuous day is 2026-01-29.',
      'A same-day exit and re-entry does not interrupt a continuous stay (conservative); leaving on one day and returning the next does.',
      'Entry and exit days both count: practice examples count inclusively ("until 24 December inclusive" for an entry on 26 September, 9111.ru) [unconfirmed by a primary text].',
      'Visa holders, patent holders and others with a separate legal basis are not covered. The status of EAEU citizens under the 2025 rule is contested.',
    ],
  },
  {
    id: 'tr',
    label: 'Türkiye, visa-exempt and e-visa stays (90 days in any 180)',
    kindSummary: 'rolling 90/180',
    countFrom: null,
    constraints: [{ kind: 'rolling', limit: 90, window: 180 }],
    source:
      'Law No. 6458 on Foreigners and International Protection, Art. 18 and presidential decisions under it (Resmî Gazete, Dec 2023: "her 180 günde 90 gün"); Turkish Republic Authorities notice: stays "cannot exceed 90 days within 180 days"',
    confidence: 'secondary',
    notes: ['The 180-day period is read as rolling, like Schengen.', INCLUSIVE_ASSUMED, 'Some nationalities have other periods (e.g. 30 days); define them in a rules file.'],
  },
  {
    id: 'ua',
    label: 'Ukraine, visa-free stay (90 days in any 180, from 2015-04-08)',
    kindSummary: 'rolling 90/180 from 2015-04-08',
    countFrom: null,
    constraints: [{ kind: 'rolling', limit: 90, window: 180, validFrom: day('2015-04-08') }],
    source:
      'Cabinet of Ministers Resolution No. 163 of 31 Mar 2015 amending Resolution No. 150 of 15 Feb 2012, in force 8 Apr 2015; State Migration Service calculator: the 180 days are counted back from the "date of control ... usually the date of departure"',
    confidence: 'official',
    notes: [
      'Rolling: the Border Guard counts back 180 days from the actual entry or exit date (from 9 Sep 2015, Ukrainian MFA).',
      'Days before 2015-04-08 still count in the window (conservative); only days from then on are checked.',
    ],
  },
  {
    id: 'rs',
    label: 'Serbia, visa-free stay (90 days in any 180; read as rolling)',
    kindSummary: 'rolling 90/180',
    countFrom: null,
    constraints: [{ kind: 'rolling', limit: 90, window: 180 }],
    source:
      'Law on Foreigners (Zakon o strancima, "Sl. glasnik RS" 24/2018, 31/2019, 62/2023): short stay "do 90 dana u bilo kom periodu od 180 dana računajući od dana prvog ulaska" (up to 90 days in any 180-day period counting from the day of first entry), quoted by simiclawoffice.rs; MUP Serbia: "najduže do 90 dana u periodu od šest meseci"',
    confidence: 'unverified',
    notes: [
      'Ambiguous: "counting from the day of first entry" can be read as fixed 180-day blocks from the first entry (zuniclaw.com) instead of a rolling window.',
      'The preset takes the rolling reading because it is the stricter one: every fixed 180-day block is also one of the rolling windows, so an itinerary that keeps the rolling rule keeps the fixed-block rule too. Under fixed blocks you may be allowed more; define that reading in a rules file only with advice.',
      INCLUSIVE_ASSUMED,
      'Register your accommodation within 24 hours of arrival.',
    ],
  },
  {
    id: 'al',
    label: 'Albania, visa-exempt foreigners (90 days in any 180)',
    kindSummary: 'rolling 90/180',
    countFrom: null,
    constraints: [{ kind: 'rolling', limit: 90, window: 180 }],
    source: 'Law No. 79/2021 "On Foreigners" (US Embassy Tirana, 8 Mar 2022): visa-exempt stays of 90 days in 180',
    confidence: 'secondary',
    notes: [
      'Read as rolling, like Schengen [unconfirmed]; the rolling reading is the stricter one.',
      'US citizens: up to one year per stay, and a new year only after more than 90 days outside Albania (Council of Ministers Decision No. 124, Official Gazette No. 35, 8 Mar 2022, applied retroactively). Not modelled by this preset; it is stricter for them.',
      INCLUSIVE_ASSUMED,
    ],
  },
  {
    id: 'ge',
    label: 'Georgia, visa-free stay (one year per visit, counted as 365 days)',
    kindSummary: 'per visit 365',
    countFrom: null,
    constraints: [{ kind: 'per-visit', limit: 365 }],
    source:
      'Government Resolution No. 255 of 5 Jun 2015 (list of countries whose citizens may stay "a full 1 (one) year" without a visa); geoconsul.gov.ge country table',
    confidence: 'official',
    notes: [
      '"One year" is counted as 365 days from the entry day (day 1), the shorter reading: a year from entry is 365 or 366 days.',
      'Leaving and re-entering starts a new year: each recorded stay is counted on its own.',
      'Some nationalities get 90 days in any 180 (e.g. Chile) or 45 days (Iran); Ukrainians 3 years. History: 360 days until 1 Sep 2014, 90/180 from Sep 2014 to Jun 2015 (exact dates unconfirmed; not chained).',
    ],
  },
  {
    id: 'am',
    label: 'Armenia, visa-free stay (180 days per calendar year)',
    kindSummary: '180 per calendar year',
    countFrom: null,
    constraints: [{ kind: 'year', limit: 180 }],
    source:
      'Armenian MFA on the 2026 residence-permit scheme: "180 jours par année civile" (courrier.am); Auswärtiges Amt: "Pro Kalenderjahr ... höchstens 180 Tage"; Law on Foreigners Art. 7(1)',
    confidence: 'official',
    notes: [
      'Counted per calendar year (1 January to 31 December) as the MFA and the German foreign office say.',
      'Some Armenian wording says "within one year" (մեկ տարվա ընթացքում), which could mean any 12 months, a stricter reading: for it, use a rules file with a rolling 180 in 12 months.',
      INCLUSIVE_ASSUMED,
    ],
  },
  {
    id: 'us-esta',
    aliases: ['esta', 'vwp'],
    label: 'United States, Visa Waiver Program / ESTA (90 days per admission)',
    kindSummary: 'per visit 90',
    countFrom: null,
    // INA §217(a)(1): admission "for a period not exceeding ninety days"; 8 CFR 214.1(c)(3)(i): no extension of stay.
    constraints: [{ kind: 'per-visit', limit: 90, hardCap: true }],
    source:
      'Immigration and Nationality Act §217 (Visa Waiver Program): admission for 90 days, no extension; 9 FAM 201.1-4(C)(e)(2) on side trips; arrival day is day 1: "Arrived 4 April 2014 ... until 2 July 2014"',
    confidence: 'secondary',
    notes: [
      'Admitted until arrival + 89 days: arriving 2014-04-04, the last day is 2014-07-02.',
      'An authorised-until date (I-94, --admit-until) later than that is not used: no admission under the program is longer or extended, so arrival + 89 days binds, with a warning to check the date. An earlier one binds as given.',
      'A side trip to Canada, Mexico or the adjacent islands does not start a new admission unless you live there: a country log shows it (README "Countries and zones"; --home for where you live); with plain stays, record such a trip inside the same stay.',
    ],
  },
  {
    id: 'us-b2',
    aliases: ['b2', 'us-b1-b2'],
    label: 'United States, B-1/B-2 visitor (6 months per admission)',
    kindSummary: 'per visit 6 months',
    countFrom: null,
    constraints: [{ kind: 'per-visit', limit: 6, unit: 'months' }],
    source:
      '8 CFR 214.2(b): admission "for not more than one year"; CBP normally admits for 6 months (older 8 CFR 214.2(b)(2): "minimum six month admission"); no statutory cumulative cap',
    confidence: 'secondary',
    notes: [
      'The authority is the I-94 "Admit Until" date. Without it the preset assumes 6 months, ending the day before the same date 6 months later (arriving 2024-01-15, last day 2024-07-14), clamped to the month end: the earlier, conservative day.',
      'If your I-94 gives another date, give it: an `admit until` column in the CSV, or --admit-until DATE for the visit in progress.',
    ],
  },
  {
    id: 'uk-visitor',
    label: 'United Kingdom, Standard Visitor (6 months per visit)',
    kindSummary: 'per visit 6 months',
    countFrom: null,
    constraints: [{ kind: 'per-visit', limit: 6, unit: 'months' }],
    source:
      'Immigration Rules Appendix V (Visitor), V 4.2: leave for up to 6 months per visit; Home Office Visit guidance: "There is no specified maximum period which an individual can spend in the UK in any period such as \'6 months in 12 months\'"',
    confidence: 'official',
    notes: [
      'Six calendar months, not 180 days: the last day is the day before the same date 6 months later (entering 2024-01-15, last day 2024-07-14), clamped to the month end (entering 2023-08-31, last day 2024-02-28): the earlier, conservative day. The date stamped or on the vignette prevails.',
      'No cumulative cap, but a visitor must not "live in the UK for extended periods through frequent or successive visits" (V 4.2(b)): an officer\'s judgement the tool cannot check.',
    ],
  },
  {
    id: 'mx',
    label: 'Mexico, visitor without permission to work (180 days per visit)',
    kindSummary: 'per visit 180',
    countFrom: null,
    // Art. 52(I): "hasta por ciento ochenta días": an officer grants fewer, never more.
    constraints: [{ kind: 'per-visit', limit: 180, hardCap: true }],
    source:
      'Ley de Migración Art. 52(I) (DOF 25 May 2011): a visitor may stay up to 180 days uninterrupted, "contados a partir de la fecha de entrada"',
    confidence: 'official',
    notes: [
      'The entry day is day 1 (conservative): the last day is entry + 179.',
      'The immigration officer writes the number of days granted, which may be fewer: give the last day granted in an `admit until` column or with --admit-until DATE. A later date than entry + 179 is not used: the law allows no more.',
    ],
  },
  {
    id: 'th',
    label: 'Thailand, visa exemption (60 days per entry from 15 Jul 2024; 30 before)',
    kindSummary: 'per visit 60 for entries from 2024-07-15; per visit 30 for entries until 2024-07-14',
    countFrom: null,
    constraints: [
      { kind: 'per-visit', limit: 60, entriesFrom: day('2024-07-15') },
      { kind: 'per-visit', limit: 30, entriesUntil: day('2024-07-14') },
    ],
    source:
      'Royal Gazette announcement of 15 Jul 2024 (visa exemption for 93 countries, 60 days per entry; TAT, Pattaya Mail); earlier 30 days per entry',
    confidence: 'official',
    notes: [
      'The cap is fixed by the entry (stamp) date: a visit entered up to 14 Jul 2024 keeps its 30 days to the end, however long it runs (entering 14 Jul 2024, the last day is 12 Aug 2024); one entered from 15 Jul 2024 gets 60.',
      'One extension of up to 30 days at an immigration office is possible: if you have one, use a rules file with 90.',
      'Since 2016 at most two visa-exempt land entries per calendar year; not modelled (a 2024 official said there is no set limit on entries) [unconfirmed].',
      'The entry (stamp) day is day 1.',
    ],
  },
  {
    id: 'uk-srt',
    aliases: ['srt'],
    label: 'UK tax residence, Statutory Residence Test (183 midnights in the tax year from 6 April)',
    kindSummary: 'threshold 183 midnights per tax year (6 April)',
    countFrom: null,
    purpose: 'tax',
    dayCounting: 'midnight',
    constraints: [{ kind: 'year', threshold: 183, yearStart: { month: 4, day: 6 } }],
    source:
      'Finance Act 2013 Sch. 45 para 7 (automatic UK test: 183 days or more in the tax year) and paras 22-23 (a day counts if you are in the UK at the end of it); HMRC RDRM11320, RDRM11720, RDRM11730',
    confidence: 'official',
    notes: [
      'Only the first automatic UK test. The automatic overseas tests (fewer than 16 or 46 days), the sufficient-ties test and split years are not modelled.',
      'Midnights: the departure day does not count. Entering on 6 April with no other days, leaving by 5 October gives 182 midnights; leaving on 6 October gives 183 and residence.',
      'Not modelled, so more days may be counted than the law counts (the safe side of the threshold): the transit exception (arrive and leave the next day without other activities) and exceptional circumstances (up to 60 days).',
      'Not modelled, so fewer days may be counted than the law counts: the deeming rule (para 23(3)-(5), HMRC RDRM11730). With 3 or more UK ties, UK residence in one of the previous 3 tax years and more than 30 days in the UK during the day but not at its end, each such day after the 30th counts as a day in the UK. If that may be you, the count here is short by those days, and "under 183" may still be resident.',
    ],
  },
  {
    id: 'us-spt',
    aliases: ['spt'],
    label: 'US tax residence, Substantial Presence Test (weighted 183 days over three years)',
    kindSummary: 'threshold weighted 183 (1, 1/3, 1/6) with 31 this year',
    countFrom: null,
    purpose: 'tax',
    constraints: [{ kind: 'weighted', threshold: 183, divisors: [1, 3, 6], minCurrent: 31 }],
    source:
      '26 U.S.C. §7701(b)(3); IRS Publication 519: at least 31 days in the current year and 183 days counting all days this year, 1/3 of the days in the previous year and 1/6 of the year before (examples: 120/120/120 gives 180, not resident; 110/150/180 gives 190, resident)',
    confidence: 'official',
    notes: [
      'Any part of a day in the US counts (calendar days).',
      'Exact fractions: 121/183/0 gives 182 (not resident), 122/183/0 gives 183 (resident). The threshold is reached on the day the total reaches 183.',
      'Not modelled, so days are counted conservatively: regular commuters from Canada or Mexico, transit under 24 hours between two foreign points, crew of foreign vessels, medical-condition days, exempt individuals (students, teachers, diplomats), and the closer-connection exception.',
    ],
  },
  {
    id: 'oecd-183',
    label: 'Tax treaty 183-day rule for employees (OECD Model Art. 15(2)(a): 183 days in any 12 months)',
    kindSummary: 'rolling 183 in 12 months',
    countFrom: null,
    // A tax treaty's exemption, lost on the 184th day: no stay is unlawful (breach-words.ts).
    purpose: 'tax',
    constraints: [{ kind: 'rolling', limit: 183, window: 12, unit: 'months' }],
    source:
      'OECD Model Tax Convention Art. 15(2)(a): present "for a period or periods not exceeding in the aggregate 183 days in any twelve month period commencing or ending in the fiscal year concerned"; OECD Council Recommendation on the 183-day rule; 2017 Commentary',
    confidence: 'official',
    notes: [
      'Days of physical presence count: part-days, arrival and departure days, weekends and holidays. Pure transit does not (record transit days outside the stays).',
      'The 184th day in any twelve months breaks the exemption. The twelve months ending on day D start the day after the same date a year earlier, clamped to the month end (2024-02-29 ... 2025-02-28 is one such period): the longer, conservative window.',
      'Treaties differ: older ones count per calendar or fiscal year. Check the treaty that applies.',
    ],
  },
  {
    id: 'uk-ilr',
    aliases: ['ilr'],
    label: 'UK settlement, continuous residence (at most 180 days absent in any 12 months; stays are periods abroad)',
    kindSummary: 'absence 180 in 12 months (whole days)',
    countFrom: null,
    dayCounting: 'whole',
    constraints: [{ kind: 'absence', limit: 180, window: 12, unit: 'months' }],
    source:
      'Immigration Rules, Appendix Continuous Residence, CR 2.1: no more than 180 days absent in any 12-month period; Home Office guidance "Continuous residence" v4.0 (12 Apr 2024): only whole days outside the UK count',
    confidence: 'official',
    notes: [
      'Give the periods abroad as the stays: the entry date is the day you leave the UK, the exit date the day you return.',
      'Only whole days abroad count: departure and return days do not. Leaving on 1 May 2022, the 180th whole day is 28 Oct 2022, so return by 29 Oct 2022 (lisaslaw.co.uk is off by one).',
      'The twelve months ending on day D start the day after the same date a year earlier, clamped to the month end: the longer, conservative window.',
    ],
  },
] as const satisfies readonly Rule[]
