import type { TopicKey } from '../../contracts/media-topics.js';

/** One piece of evidence a rule needs; the rule holds when every one of its conditions does. */
export type Condition =
  /** Any of these detected object labels (COCO names, lower case). */
  | { objects: readonly string[] }
  /** Any of these words read in the image (whole words, case-insensitive). */
  | { words: readonly string[] }
  /** At least this many people seen. */
  | { people: number }
  /** At least this many different numbers (1–5 digits) read inside people's boxes: bibs, shirt numbers. */
  | { numbersOnPeople: number };

export interface TopicRule {
  /** Stable name, used in tests and in the README's table. */
  id: string;
  topic: TopicKey;
  all: readonly Condition[];
  /**
   * How strongly this evidence points at the topic. The topic's confidence is `weight` × the weakest condition's
   * score (a condition scores its surest detection), so a rule is never surer than its least sure evidence.
   */
  weight: number;
}

const SPORTS_GEAR = [
  'sports ball',
  'tennis racket',
  'baseball bat',
  'baseball glove',
  'skis',
  'snowboard',
  'surfboard',
  'skateboard',
  'frisbee',
] as const;
const VEHICLES = ['car', 'truck', 'bus', 'motorcycle', 'train', 'airplane', 'boat'] as const;
const POLICE = ['POLICE', 'SHERIFF', 'POLIZEI', 'POLICIA', 'POLIZIA', 'GENDARMERIE', 'CARABINIERI'] as const;

/**
 * The mapping table from what is seen to Media Topics. Words are matched in upper case. Rules of one topic combine by
 * taking the surest; a photo may have several topics (riot police: crime, law and justice and conflict).
 */
export const TOPIC_RULES: readonly TopicRule[] = [
  { id: 'sport.gear-with-people', topic: 'sport', all: [{ objects: SPORTS_GEAR }, { people: 1 }], weight: 0.9 },
  {
    id: 'sport.event-words-with-people',
    topic: 'sport',
    all: [{ words: ['MARATHON', 'STADIUM', 'OLYMPIC', 'OLYMPICS', 'CHAMPIONSHIP', 'TOURNAMENT', 'FINISH'] }, { people: 1 }],
    weight: 0.7,
  },
  { id: 'sport.bibs', topic: 'sport', all: [{ numbersOnPeople: 2 }, { people: 3 }], weight: 0.7 },
  // One number read on a runner in a crowd: bibs are often half hidden or too small to read.
  { id: 'sport.bib-in-crowd', topic: 'sport', all: [{ numbersOnPeople: 1 }, { people: 5 }], weight: 0.55 },
  { id: 'sport.cycling-field', topic: 'sport', all: [{ objects: ['bicycle'] }, { people: 3 }], weight: 0.5 },

  { id: 'disaster.vehicle-fire-smoke', topic: 'disaster', all: [{ objects: VEHICLES }, { objects: ['fire', 'smoke'] }], weight: 0.8 },
  {
    id: 'disaster.vehicle-emergency-words',
    topic: 'disaster',
    all: [{ objects: VEHICLES }, { words: ['FIRE', 'AMBULANCE', 'RESCUE', 'EMERGENCY', 'PARAMEDIC', 'FIREFIGHTERS'] }],
    weight: 0.6,
  },
  {
    id: 'disaster.words',
    topic: 'disaster',
    all: [{ words: ['FLOOD', 'HURRICANE', 'TORNADO', 'EARTHQUAKE', 'EVACUATION', 'WILDFIRE'] }],
    weight: 0.55,
  },

  { id: 'crime.police-words', topic: 'crime', all: [{ words: POLICE }], weight: 0.6 },
  { id: 'crime.police-vehicle', topic: 'crime', all: [{ words: POLICE }, { objects: VEHICLES }], weight: 0.75 },
  {
    id: 'crime.justice-words',
    topic: 'crime',
    all: [{ words: ['COURTHOUSE', 'JAIL', 'PRISON', 'CRIME', 'ARREST', 'WANTED'] }],
    weight: 0.5,
  },

  { id: 'conflict.police-and-crowd', topic: 'conflict', all: [{ words: POLICE }, { people: 5 }], weight: 0.55 },
  {
    id: 'conflict.unrest-words',
    topic: 'conflict',
    all: [{ words: ['PROTEST', 'PROTESTERS', 'RIOT', 'WAR', 'PEACE', 'CEASEFIRE', 'REVOLUTION', 'ARMY', 'MILITARY'] }],
    weight: 0.6,
  },

  {
    id: 'politics.election-words',
    topic: 'politics',
    all: [{ words: ['VOTE', 'VOTING', 'ELECTION', 'ELECTIONS', 'BALLOT', 'PARLIAMENT', 'CONGRESS', 'SENATE', 'REFERENDUM'] }],
    weight: 0.6,
  },
  {
    id: 'economy.market-words',
    topic: 'economy',
    all: [{ words: ['STOCK', 'STOCKS', 'NASDAQ', 'NYSE', 'BANK', 'SHARES', 'INFLATION', 'ECONOMY'] }],
    weight: 0.5,
  },
  { id: 'environment.wildlife', topic: 'environment', all: [{ objects: ['elephant', 'bear', 'zebra', 'giraffe'] }], weight: 0.5 },
  {
    id: 'environment.words',
    topic: 'environment',
    all: [{ words: ['CLIMATE', 'POLLUTION', 'RECYCLING', 'ENVIRONMENT'] }],
    weight: 0.55,
  },
  { id: 'health.words', topic: 'health', all: [{ words: ['HOSPITAL', 'CLINIC', 'VACCINE', 'VACCINATION', 'PHARMACY'] }], weight: 0.55 },
  { id: 'education.words', topic: 'education', all: [{ words: ['SCHOOL', 'UNIVERSITY', 'COLLEGE', 'CLASSROOM'] }], weight: 0.5 },
  { id: 'religion.words', topic: 'religion', all: [{ words: ['CHURCH', 'MOSQUE', 'TEMPLE', 'SYNAGOGUE', 'CATHEDRAL'] }], weight: 0.5 },
  {
    id: 'arts.words',
    topic: 'arts',
    all: [{ words: ['THEATRE', 'THEATER', 'CINEMA', 'MUSEUM', 'CONCERT', 'FESTIVAL', 'GALLERY', 'OPERA'] }],
    weight: 0.5,
  },
  {
    id: 'lifestyle.dining',
    topic: 'lifestyle',
    all: [{ objects: ['pizza', 'cake', 'donut', 'sandwich', 'hot dog', 'wine glass'] }, { objects: ['dining table'] }],
    weight: 0.45,
  },
  { id: 'weather.umbrellas-among-people', topic: 'weather', all: [{ objects: ['umbrella'] }, { people: 2 }], weight: 0.35 },
  { id: 'weather.words', topic: 'weather', all: [{ words: ['STORM', 'BLIZZARD', 'SNOWSTORM', 'HEATWAVE'] }], weight: 0.6 },
];
