// Where the sun stands: azimuth and elevation for a moment and a place (pure: no DOM, no three.js).
//
// The solar coordinates follow the U.S. Naval Observatory's low-precision formulas (about 0.01°
// between 1950 and 2050; refraction is left out). Clock time in Norway is Central European
// Time, UTC+1, and summer time, UTC+2, from the last Sunday of March to the last Sunday of
// October (both at 01:00 UTC), as the EU rules say.

const RAD = Math.PI / 180;

/** The sun's azimuth (degrees from north, clockwise) and elevation (degrees above the horizon). */
export function sunPosition(utcMs, latitude, longitude) {
  const d = utcMs / 86400000 + 2440587.5 - 2451545.0; // days since J2000.0
  const g = (357.529 + 0.98560028 * d) * RAD; // mean anomaly
  const q = 280.459 + 0.98564736 * d; // mean longitude
  const lambda = (q + 1.915 * Math.sin(g) + 0.020 * Math.sin(2 * g)) * RAD; // ecliptic longitude
  const eps = (23.439 - 0.00000036 * d) * RAD; // obliquity
  const ra = Math.atan2(Math.cos(eps) * Math.sin(lambda), Math.cos(lambda));
  const dec = Math.asin(Math.sin(eps) * Math.sin(lambda));
  const gmst = ((18.697374558 + 24.06570982441908 * d) % 24 + 24) % 24; // hours
  const hourAngle = (gmst * 15 + longitude) * RAD - ra;
  const phi = latitude * RAD;
  const sinEl = Math.sin(phi) * Math.sin(dec) + Math.cos(phi) * Math.cos(dec) * Math.cos(hourAngle);
  const elevation = Math.asin(Math.max(-1, Math.min(1, sinEl))) / RAD;
  const az = Math.atan2(-Math.sin(hourAngle) * Math.cos(dec),
    Math.sin(dec) * Math.cos(phi) - Math.cos(dec) * Math.sin(phi) * Math.cos(hourAngle)) / RAD;
  return { azimuth: (az + 360) % 360, elevation };
}

function lastSunday(year, month) { // month 0-11; the day of the month
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** Hours Norwegian clock time is ahead of UTC at a UTC moment: 1 in winter, 2 in summer. */
export function osloOffsetHours(utcMs) {
  const year = new Date(utcMs).getUTCFullYear();
  const start = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const end = Date.UTC(year, 9, lastSunday(year, 9), 1);
  return utcMs >= start && utcMs < end ? 2 : 1;
}

/** The UTC moment of a Norwegian clock time: ``date`` "YYYY-MM-DD", ``hours`` 0-24 (fractions). */
export function osloToUtc(date, hours) {
  const [y, m, dd] = date.split("-").map(Number);
  const naive = Date.UTC(y, m - 1, dd) + hours * 3600000;
  const first = naive - osloOffsetHours(naive - 3600000) * 3600000;
  return naive - osloOffsetHours(first) * 3600000;
}

/** The direction toward the sun in the model's axes (glTF: x east, y up, z south). */
export function sunDirection(azimuth, elevation) {
  const a = azimuth * RAD, e = elevation * RAD;
  return [Math.sin(a) * Math.cos(e), Math.sin(e), -Math.cos(a) * Math.cos(e)];
}
