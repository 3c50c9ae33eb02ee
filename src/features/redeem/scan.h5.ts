/** The h5 build has no camera scan: the admin types the 8 digits shown under the member's QR. */
export const canScan = false;

export async function scanCode(): Promise<string | null> {
  return null;
}
