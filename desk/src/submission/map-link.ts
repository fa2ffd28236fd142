/** A link to the place on OpenStreetMap: a marker at the spot, street level. No tiles load inside the desk. */
export function mapLink(lat: number, lon: number): string {
  const la = lat.toFixed(6);
  const lo = lon.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=15/${la}/${lo}`;
}
