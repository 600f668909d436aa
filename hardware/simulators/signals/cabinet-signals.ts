import type { LocalTime } from './local-time';
import type { Random } from './random';
import { combineLoads, type ElectricalLoad } from './supply';
import {
  initialWeatherState,
  type RainEvent,
  startRain,
  stepWeather,
  typicalWeather,
  type WeatherSample,
} from './weather';

/** What one field cabinet's devices share: the weather over it and the electrical loads inside. */
export class CabinetSignals {
  private weatherState = initialWeatherState;
  private current: WeatherSample = typicalWeather({ hour: 12, weekend: false });
  private readonly loads = new Map<string, ElectricalLoad>();

  constructor(private readonly random: Random) {}

  /** Called once per tick, before the devices. */
  advance(time: LocalTime, dtSeconds: number): void {
    const step = stepWeather(this.weatherState, time, dtSeconds, this.random);
    this.weatherState = step.state;
    this.current = step.sample;
  }

  get weather(): WeatherSample {
    return this.current;
  }

  startRain(event: RainEvent): void {
    this.weatherState = startRain(this.weatherState, event);
  }

  reportLoad(deviceId: string, load: ElectricalLoad): void {
    this.loads.set(deviceId, load);
  }

  /** Everything in the cabinet but the one asking (a meter does not meter itself), plus the cabinet's own fan and router. */
  loadExcept(deviceId: string): ElectricalLoad {
    const others = [...this.loads].filter(([id]) => id !== deviceId).map(([, load]) => load);
    return combineLoads([{ watts: 40, powerFactor: 0.9 }, ...others]);
  }
}
