import { test } from '@japa/runner'
import { banValidator } from '#validators/ban'

const ban = (dates: Record<string, string | null>) => ({
  agencyId: 5,
  reason: '超出政府指导价收费',
  legalBasis: '《眉山市规范行政审批中介服务专项行动方案》',
  ...dates,
})

test.group('Ban dates', () => {
  test('a bare date from the form is the start of that day in Beijing, not midnight UTC', async ({
    assert,
  }) => {
    const output = await banValidator.validate(
      ban({ startsAt: '2026-10-14', endsAt: '2027-10-13' })
    )
    assert.equal(output.startsAt.toISOString(), '2026-10-13T16:00:00.000Z')
    assert.equal(output.endsAt!.toISOString(), '2027-10-12T16:00:00.000Z')
  })

  test('an instant with its offset is kept as given; no end is a ban for good', async ({
    assert,
  }) => {
    const output = await banValidator.validate(
      ban({ startsAt: '2026-10-14T09:30:00+08:00', endsAt: null })
    )
    assert.equal(output.startsAt.toISOString(), '2026-10-14T01:30:00.000Z')
    assert.isNull(output.endsAt)
  })
})
