import { test } from '@japa/runner'
import { errors } from '@vinejs/vine'
import { formWeights, projectFormValidator } from '#validators/project'

/** The owner's form as the browser sends it: every field, blanks as null (bodyparser). */
const form = (weights: Record<string, number | null>) => ({
  title: '东坡区岷江湿地公园建设项目环境影响评价',
  serviceItemCode: 'ZJ-001',
  fundingSource: 'fiscal',
  description: '编制岷江湿地公园建设项目环境影响报告表。',
  ceilingYuan: '80000',
  method: 'lowest_price',
  deadline: '2026-10-09T12:00',
  weights,
})

test.group('The owner project form: weights', () => {
  test('four blank weight fields mean no weights (a project that is not scored)', async ({
    assert,
  }) => {
    const output = await projectFormValidator.validate(
      form({ price: null, credit: null, performance: null, plan: null })
    )
    assert.isUndefined(formWeights(output.weights))
  })

  test('filled-in weights are kept, the plan weight optional', async ({ assert }) => {
    const output = await projectFormValidator.validate(
      form({ price: 50, credit: 30, performance: 20, plan: null })
    )
    assert.deepEqual(formWeights(output.weights), {
      price: 50,
      credit: 30,
      performance: 20,
      plan: undefined,
    })
  })

  test('refuses a half-filled set: price, credit and performance go together', async ({
    assert,
  }) => {
    try {
      await projectFormValidator.validate(
        form({ price: 60, credit: null, performance: null, plan: null })
      )
      assert.fail('a half-filled set of weights was accepted')
    } catch (error) {
      assert.instanceOf(error, errors.E_VALIDATION_ERROR)
      const fields = (error as any).messages.map((message: { field: string }) => message.field)
      assert.sameMembers(fields, ['weights.credit', 'weights.performance'])
    }
  })
})
