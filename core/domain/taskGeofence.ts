/** Distance on the earth's surface (haversine), metres. Pure. */
export interface LatLng { lat: number; lng: number }

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Inside the task's geofence? No radius = no check. */
export function withinGeofence(place: LatLng & { radius: number | null }, at: LatLng): boolean {
  if (place.radius == null) return true;
  return distanceMeters(place, at) <= place.radius;
}
