function hemisphere(value: number, rounded: string, pos: string, neg: string): string {
  // A value that rounds to zero gets the positive letter: "0.0000°W" would be misleading.
  return value < 0 && Number(rounded) !== 0 ? neg : pos;
}

/**
 * Decimal degrees with hemisphere letters, as shown in the map's cursor readout.
 *
 * @example
 * formatLonLat(120.15358, 30.28751); // "120.1536°E 30.2875°N"
 * formatLonLat(-74.006, -33.8688, 2); // "74.01°W 33.87°S"
 */
export function formatLonLat(lon: number, lat: number, decimals = 4): string {
  const lonText = Math.abs(lon).toFixed(decimals);
  const latText = Math.abs(lat).toFixed(decimals);
  return `${lonText}°${hemisphere(lon, lonText, 'E', 'W')} ${latText}°${hemisphere(lat, latText, 'N', 'S')}`;
}

function dms(value: number, pos: string, neg: string): string {
  // Round the total to whole seconds first, so 59.6″ carries into the minutes instead of printing 60″.
  const total = Math.round(Math.abs(value) * 3600);
  const deg = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const letter = value < 0 && total !== 0 ? neg : pos;
  return `${deg}°${String(min).padStart(2, '0')}′${String(sec).padStart(2, '0')}″${letter}`;
}

/**
 * Degrees, minutes and whole seconds with hemisphere letters, the form used in dispatch voice
 * and printed reports.
 *
 * @example
 * formatDms(120.1536, 30.2875); // "120°09′13″E 30°17′15″N"
 */
export function formatDms(lon: number, lat: number): string {
  return `${dms(lon, 'E', 'W')} ${dms(lat, 'N', 'S')}`;
}
