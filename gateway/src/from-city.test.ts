import { AMSTERDAM_CITY_FILE, loadCity } from '@city/hardware/city';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type GatewayConfigInput, GatewayConfigSchema } from './config';
import { configWarnings } from './config-file';
import { gatewayConfigForCabinet, generatedConfigText, isLoopbackEndpoint } from './from-city';

/** The OPC UA security a generated config asks for is always written out in it. */
const city = loadCity(AMSTERDAM_CITY_FILE);
const CABINET = 'cab-buiksloterham';

const securityOf = (config: GatewayConfigInput) =>
  config.devices.map((device) => (device.protocol === 'opcua' ? device.security : 'not OPC UA'));

describe('OPC UA security in configs generated from the city', () => {
  it('is None, written out, for the in-process demo whose simulator answers on loopback', () => {
    const { config } = gatewayConfigForCabinet(city, CABINET, {
      opcUa: { endpointUrl: 'opc.tcp://127.0.0.1:4841/city/cab-buiksloterham' },
    });
    expect(securityOf(config)).toEqual([
      { mode: 'None', policy: 'None' },
      { mode: 'None', policy: 'None' },
      { mode: 'None', policy: 'None' },
    ]);
    // Which the check names, so nobody copies it to a cabinet unawares.
    expect(configWarnings(GatewayConfigSchema.parse(config), 'demo')).toHaveLength(3);
  });

  it('is SignAndEncrypt with Basic256Sha256 for an endpoint on another machine, or as the caller says', () => {
    const remote = gatewayConfigForCabinet(city, CABINET, {
      opcUa: { endpointUrl: 'opc.tcp://10.20.0.5:4840/city/cab-buiksloterham' },
    });
    expect(securityOf(remote.config)[0]).toEqual({ mode: 'SignAndEncrypt', policy: 'Basic256Sha256' });
    const said = gatewayConfigForCabinet(city, CABINET, {
      opcUa: {
        endpointUrl: 'opc.tcp://127.0.0.1:4841',
        security: { mode: 'Sign', policy: 'Basic256Sha256' },
      },
    });
    expect(securityOf(said.config)[0]).toEqual({ mode: 'Sign', policy: 'Basic256Sha256' });
  });

  it('is SignAndEncrypt in the file for a deployed cabinet, wherever its server answers', () => {
    const deployed = parse(generatedConfigText(city, CABINET)) as GatewayConfigInput;
    expect(new Set(securityOf(deployed).map((security) => JSON.stringify(security)))).toEqual(
      new Set([JSON.stringify({ mode: 'SignAndEncrypt', policy: 'Basic256Sha256' })]),
    );
  });

  it('knows loopback endpoints from others', () => {
    for (const url of [
      'opc.tcp://127.0.0.1:4841/x',
      'opc.tcp://localhost:4840',
      'opc.tcp://127.3.2.1',
      'opc.tcp://[::1]:4840',
    ]) {
      expect(isLoopbackEndpoint(url), url).toBe(true);
    }
    for (const url of [
      'opc.tcp://10.0.0.5:4840',
      'opc.tcp://127.0.0.1.example.net:4840',
      'opc.tcp://plc-7:4840',
    ]) {
      expect(isLoopbackEndpoint(url), url).toBe(false);
    }
  });
});
