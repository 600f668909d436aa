import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from './change-accumulator';

describe('ChangeAccumulator', () => {
  it('hands over every channel that frames between two draws changed, once', () => {
    const changes = new ChangeAccumulator();
    expect(changes.take()).toBeNull();
    changes.add(new Set(['a', 'b']));
    changes.add(new Set(['b', 'c']));
    expect(changes.take()).toEqual(new Set(['a', 'b', 'c']));
    expect(changes.take()).toBeNull();
  });

  it('says everything once a snapshot replaced the values, whatever came before or after', () => {
    const changes = new ChangeAccumulator();
    changes.add(new Set(['a']));
    changes.add('all');
    changes.add(new Set(['b']));
    expect(changes.take()).toBe('all');
    changes.add(new Set(['c']));
    expect(changes.take()).toEqual(new Set(['c']));
  });
});
