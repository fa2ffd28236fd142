import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { photoMetadata } from './photo-metadata.js';

/** A small JPEG whose only metadata is this XMP packet, as agency tools write it (IPTC Core in XMP). */
const withXmp = (fields: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } })
    .jpeg()
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
        `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">` +
        `${fields}</rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .toBuffer();

describe('photoMetadata', () => {
  it('reads byline, credit, headline, caption, copyright, city and country from XMP', async () => {
    const jpeg = await withXmp(
      '<photoshop:Credit>Newsdesk Agency</photoshop:Credit><photoshop:Headline>Fog on the A1</photoshop:Headline>' +
        '<photoshop:City>Zürich</photoshop:City><photoshop:Country>Switzerland</photoshop:Country>' +
        '<dc:creator><rdf:Seq><rdf:li>Ana Example</rdf:li></rdf:Seq></dc:creator>' +
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Cars in fog</rdf:li></rdf:Alt></dc:description>' +
        '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2026 Ana Example</rdf:li></rdf:Alt></dc:rights>',
    );
    expect(await photoMetadata(jpeg)).toMatchObject({
      byline: 'Ana Example',
      credit: 'Newsdesk Agency',
      headline: 'Fog on the A1',
      caption: 'Cars in fog',
      copyright: '© 2026 Ana Example',
      city: 'Zürich',
      country: 'Switzerland',
      gps: null,
    });
  });

  it('gives null for a credit the file does not have', async () => {
    expect((await photoMetadata(await withXmp('<photoshop:Headline>Only a headline</photoshop:Headline>'))).credit).toBeNull();
  });
});
