import vocabulary from './media-topics.json' with { type: 'json' };

/**
 * IPTC Media Topics (NewsCodes vocabulary `medtop`, http://cv.iptc.org/newscodes/mediatopic/) that Newsdesk can
 * derive from what it sees. Only top-level subjects: the detected content supports no finer claim, and each code and
 * label was checked against published copies of the vocabulary (see classifier/README.md). The vocabulary is data
 * (media-topics.json), shared by the classifier's rules, the webhook summary and the people who pick topics by hand.
 */
export const MEDIA_TOPICS = vocabulary;

export type TopicKey = keyof typeof MEDIA_TOPICS;
