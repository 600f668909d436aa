/**
 * The simulator's control API (hardware/simulators/control-api.ts), as an engineer at a test bench
 * would use it: hold a point at a value, break a device, pull a cabinet's link. Not a fake: the
 * cabinets behind it are the real Modbus/OPC UA servers the gateway reads.
 */
export function controlUrl(): string {
  const url = process.env.CITY_CONTROL_URL;
  if (!url)
    throw new Error('CITY_CONTROL_URL is unset: the global setup did not find the cabinet control API');
  return url;
}

async function call(method: 'PUT' | 'DELETE', path: string, body?: object): Promise<unknown> {
  const response = await fetch(`${controlUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} refused (${response.status}): ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Forces a device point (e.g. a wet-well level) to a value until released. */
export const holdPoint = (cabinet: string, device: string, point: string, value: number) =>
  call('PUT', `/cabinets/${cabinet}/devices/${device}/points/${point}`, { value });

export const releasePoint = (cabinet: string, device: string, point: string) =>
  call('DELETE', `/cabinets/${cabinet}/devices/${device}/points/${point}`);

/** Breaks a device, e.g. kind "no-response"; see hardware/simulators/faults.ts for the kinds. */
export const setFault = (cabinet: string, device: string, kind: string, settings: object = {}) =>
  call('PUT', `/cabinets/${cabinet}/devices/${device}/faults/${kind}`, settings);

export const clearFault = (cabinet: string, device: string, kind?: string) =>
  call('DELETE', `/cabinets/${cabinet}/devices/${device}/faults${kind ? `/${kind}` : ''}`);

/** What every cabinet runs: its id, devices, points (GET /cabinets). */
export async function cabinets(): Promise<unknown> {
  const response = await fetch(`${controlUrl()}/cabinets`);
  return response.json();
}
