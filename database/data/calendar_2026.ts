/*
 * The 2026 schedule of the State Council (国务院办公厅关于2026年部分节假日安排的
 * 通知, 2025-11-04): rest days that fall on weekdays, and weekend days that
 * are working days (调休). Later years are entered by the admin.
 */
export type CalendarDaySeed = { day: string; working: boolean; note: string }

function range(from: string, to: string, note: string): CalendarDaySeed[] {
  const days: CalendarDaySeed[] = []
  for (
    let date = new Date(`${from}T00:00:00Z`);
    date <= new Date(`${to}T00:00:00Z`);
    date = new Date(date.getTime() + 86_400_000)
  ) {
    days.push({ day: date.toISOString().slice(0, 10), working: false, note })
  }
  return days
}

export const CALENDAR_2026: CalendarDaySeed[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'),
  { day: '2026-01-04', working: true, note: '元旦调休上班' },
  { day: '2026-02-14', working: true, note: '春节调休上班' },
  ...range('2026-02-15', '2026-02-23', '春节'),
  { day: '2026-02-28', working: true, note: '春节调休上班' },
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  { day: '2026-05-09', working: true, note: '劳动节调休上班' },
  ...range('2026-06-19', '2026-06-21', '端午节'),
  { day: '2026-09-20', working: true, note: '国庆节调休上班' },
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  { day: '2026-10-10', working: true, note: '国庆节调休上班' },
]
