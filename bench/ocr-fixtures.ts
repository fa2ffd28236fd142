/**
 * What the fixture photos say, written down by looking at them (test/fixtures/MANIFEST.md describes them too).
 * `expected`: the words a reader should find, one entry per occurrence ("POLICE" on two cars is two words).
 * `alsoPresent`: text that is really there but small or partly hidden; reading it is not a false word, missing it
 * is not counted. Words are compared as ocrTokens() makes them: upper case, split at anything but letters and digits,
 * with thousands separators dropped ("$10,000" → "10000", "CARS/RV" → "CARS", "RV").
 */
export interface OcrFixture {
  name: string;
  expected: string[];
  alsoPresent: string[];
}

export const OCR_FIXTURES: readonly OcrFixture[] = [
  {
    name: 'highway-signs-fog.jpg',
    // Three LED signs on the gantry: "CARS/RV ONLY", "NEXUS - FAST BUSES", "TRUCKS ONLY".
    expected: ['CARS', 'RV', 'ONLY', 'NEXUS', 'FAST', 'BUSES', 'TRUCKS', 'ONLY'],
    alsoPresent: [],
  },
  {
    name: 'police-cars.jpg',
    // Each car: POLICE, its number spread over the boot (3026, 2687), its plate (3026 with a small 09 after it: read
    // as one word, 302609), a "$10,000 REWARD" sticker whose second line ("CALL 1-800 COP-SHOT") is small. Also a
    // vertical "MTS" sign, the IMPALA badge and "357" over the door.
    expected: ['POLICE', 'POLICE', '3026', '2687', '302609', '2687', '10000', 'REWARD', '10000', 'REWARD'],
    alsoPresent: ['CALL', '1', '800', 'COP', 'SHOT', 'COPSHOT', '1800', '3026', '09', 'MTS', 'IMPALA', '357'],
  },
  {
    name: 'riot-police-bw.jpg',
    // POLICE on four shields, the ONE WAY sign, the street sign "12 ST" over "1000", the house number 1201 and the
    // pedestrian countdown 45. The street sign's small "NW" and the camera bag's "Live" are small.
    expected: ['POLICE', 'POLICE', 'POLICE', 'POLICE', 'ONE', 'WAY', '12', 'ST', '1000', '1201', '45'],
    alsoPresent: ['NW', 'LIVE'],
  },
  {
    name: 'runners-race.jpg',
    // The two lead runners' bibs; the bibs behind them (207, 56) are blurred.
    expected: ['308', '365'],
    alsoPresent: ['207', '56'],
  },
  { name: 'cat-chelsea.png', expected: [], alsoPresent: [] },
  { name: 'astronaut-eileen-collins.png', expected: [], alsoPresent: [] },
  { name: 'dog-bicycle-truck.jpg', expected: [], alsoPresent: [] },
  { name: 'squirrel-exif-iptc.jpg', expected: [], alsoPresent: [] },
];

/** Upper-case words of a text, split at anything but letters and digits, thousands separators dropped. */
export const ocrTokens = (text: string): string[] =>
  text
    .toUpperCase()
    .replace(/(\d),(?=\d{3})/gu, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Words read that are expected (each expected occurrence counts once), and words that are neither expected nor present. */
export function scoreWords(read: readonly string[], fixture: OcrFixture): { found: number; falseWords: string[] } {
  const left = [...fixture.expected];
  const falseWords: string[] = [];
  let found = 0;
  for (const word of read) {
    const at = left.indexOf(word);
    if (at >= 0) {
      left.splice(at, 1);
      found++;
    } else if (!fixture.expected.includes(word) && !fixture.alsoPresent.includes(word)) {
      falseWords.push(word);
    }
  }
  return { found, falseWords };
}
