import { createWorkMeter } from './work-meter';

describe('work meter', () => {
  it('charges work units per caller in fixed windows, refusing an overrun without charging it', () => {
    let time = 0;
    const meter = createWorkMeter({ perWindow: 600, windowMs: 60_000, now: () => time });
    expect(meter.charge('bank', 500)).toEqual({ ok: true });
    expect(meter.charge('bank', 500)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(meter.remaining('bank')).toBe(100);
    expect(meter.charge('bank', 100)).toEqual({ ok: true });
    expect(meter.charge('hotel', 600)).toEqual({ ok: true });
    time = 45_500;
    expect(meter.charge('bank', 1)).toEqual({ ok: false, retryAfterSeconds: 15 });
    time = 60_000;
    expect(meter.charge('bank', 600)).toEqual({ ok: true });
  });

  it('forgets callers whose window passed once many callers were seen', () => {
    let time = 0;
    const meter = createWorkMeter({ perWindow: 1, windowMs: 10, now: () => time });
    for (let i = 0; i <= 1_001; i += 1) meter.charge(`c${i}`, 1);
    time = 20;
    expect(meter.charge('new', 1)).toEqual({ ok: true });
    expect(meter.remaining('c0')).toBe(1);
  });
});
