import { describe, expect, it } from 'vitest'
import { judgeControl, lineFigures, totalsByCurrency } from './budget'

describe('budget arithmetic', () => {
  it('forecast is the larger of committed and planned; variance is planned minus forecast', () => {
    expect(lineFigures({ plannedMinor: 100_000, committedMinor: 0, paidMinor: 0 })).toMatchObject({ forecastMinor: 100_000, varianceMinor: 0, over: false })
    expect(lineFigures({ plannedMinor: 100_000, committedMinor: 80_000, paidMinor: 20_000 })).toMatchObject({
      forecastMinor: 100_000,
      varianceMinor: 0,
      paidMinor: 20_000,
      over: false
    })
    expect(lineFigures({ plannedMinor: 100_000, committedMinor: 125_000, paidMinor: 0 })).toMatchObject({ forecastMinor: 125_000, varianceMinor: -25_000, over: true })
  })

  it('sums per currency and never across currencies', () => {
    const line = (currency: string, planned: number, committed: number, paid: number) => ({
      currency,
      ...lineFigures({ plannedMinor: planned, committedMinor: committed, paidMinor: paid })
    })
    const totals = totalsByCurrency([line('EUR', 1000, 500, 100), line('PLN', 4000, 5000, 0), line('EUR', 2000, 2500, 2500)])
    expect(totals).toEqual([
      { currency: 'EUR', plannedMinor: 3000, committedMinor: 3000, paidMinor: 2600, forecastMinor: 3500, varianceMinor: -500 },
      { currency: 'PLN', plannedMinor: 4000, committedMinor: 5000, paidMinor: 0, forecastMinor: 5000, varianceMinor: -1000 }
    ])
  })

  it('a control judges only a rise past the plan', () => {
    expect(judgeControl('stop', 1000, 0, 900)).toEqual({ verdict: 'fine' })
    expect(judgeControl('stop', 1000, 0, 1000)).toEqual({ verdict: 'fine' })
    expect(judgeControl('stop', 1000, 900, 1200)).toEqual({ verdict: 'stop', overMinor: 200 })
    expect(judgeControl('warn', 1000, 900, 1200)).toEqual({ verdict: 'warn', overMinor: 200 })
    expect(judgeControl('ignore', 1000, 900, 1200)).toEqual({ verdict: 'fine' })
    // Lowering an amount on a line already over is always allowed.
    expect(judgeControl('stop', 1000, 1500, 1300)).toEqual({ verdict: 'fine' })
  })
})
