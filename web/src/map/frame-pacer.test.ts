import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FramePacer } from './frame-pacer';

/**
 * Node has no WebGL, so this stands in for the one thing the pacer asks of it: fences that the test
 * signals, as the GPU would when it finishes a frame. The real context is exercised in Chromium by the
 * map benchmark and the alarm-flow spec.
 */
function gpu() {
  const fences: Array<{ signalled: boolean; deleted: boolean }> = [];
  const gl = {
    SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
    SYNC_STATUS: 0x9114,
    SIGNALED: 0x9119,
    UNSIGNALED: 0x9118,
    fenceSync: () => {
      const fence = { signalled: false, deleted: false };
      fences.push(fence);
      return fence;
    },
    getSyncParameter: (fence: { signalled: boolean }) => (fence.signalled ? 0x9119 : 0x9118),
    deleteSync: (fence: { deleted: boolean }) => {
      fence.deleted = true;
    },
    flush: () => {},
  };
  return { gl: gl as unknown as WebGL2RenderingContext, fences };
}

describe('FramePacer: one frame on the GPU at a time', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands values over at once while nothing is being drawn', () => {
    const next = vi.fn();
    new FramePacer().whenIdle(next);
    expect(next).toHaveBeenCalledOnce();
  });

  it('holds the next values until the GPU has finished the frame drawn with the last ones', () => {
    const { gl, fences } = gpu();
    const pacer = new FramePacer();
    pacer.handedOver();
    const next = vi.fn();
    pacer.whenIdle(next);
    vi.advanceTimersByTime(50);
    expect(next, 'released before the frame was even drawn').not.toHaveBeenCalled();
    pacer.submitted(gl);
    vi.advanceTimersByTime(200);
    expect(next, 'released while the GPU was still drawing').not.toHaveBeenCalled();
    const fence = fences[0];
    if (fence) fence.signalled = true;
    vi.advanceTimersByTime(5);
    expect(next).toHaveBeenCalledOnce();
    expect(fence?.deleted).toBe(true);
    const after = vi.fn();
    pacer.whenIdle(after);
    expect(after, 'idle again once the frame is done').toHaveBeenCalledOnce();
  });

  it('waits for the newest of several frames drawn in a row (a pan while values arrive)', () => {
    const { gl, fences } = gpu();
    const pacer = new FramePacer();
    pacer.submitted(gl);
    pacer.submitted(gl);
    const next = vi.fn();
    pacer.whenIdle(next);
    expect(fences[0]?.deleted, 'the older fence is dropped').toBe(true);
    vi.advanceTimersByTime(20);
    expect(next).not.toHaveBeenCalled();
    const newest = fences[1];
    if (newest) newest.signalled = true;
    vi.advanceTimersByTime(5);
    expect(next).toHaveBeenCalledOnce();
  });

  it('keeps values flowing when no frame comes or it never finishes (a lost context)', () => {
    const { gl } = gpu();
    const pacer = new FramePacer(1_000);
    pacer.handedOver();
    const first = vi.fn();
    pacer.whenIdle(first);
    vi.advanceTimersByTime(1_010);
    expect(first, 'no frame was drawn with the values').toHaveBeenCalledOnce();
    pacer.submitted(gl);
    const second = vi.fn();
    pacer.whenIdle(second);
    vi.advanceTimersByTime(990);
    expect(second).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(second, 'the fence never signalled').toHaveBeenCalledOnce();
  });
});
