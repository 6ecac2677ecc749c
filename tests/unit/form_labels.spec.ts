import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { errors } from '@vinejs/vine'
import { FormMessagesProvider, formOf } from '#validators/labels'
import { projectFormValidator, draftFromForm } from '#validators/project'
import { creditEventValidator, creditRulesFormValidator } from '#validators/credit'
import { updateAgencyProfileValidator } from '#validators/agency'
import { answerComplaintFormValidator } from '#validators/complaint'
import { alertSubscriptionFormValidator } from '#validators/alert'
import { CREDIT_EVENT_TYPES } from '#domain/credit'

/** The messages of a refused validation, in the language and with the labels of `form`. */
async function refusal(validator: any, data: unknown, form: string | undefined, locale = 'zh-CN') {
  const messagesProvider = new FormMessagesProvider(i18nManager.locale(locale), form)
  try {
    await validator.validate(data, { messagesProvider })
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) return error.messages as any[]
    throw error
  }
  throw new Error('the validator accepted the data')
}

const projectForm = {
  title: '东坡区岷江湿地公园建设项目环境影响评价',
  serviceItemCode: 'ZJ-001',
  fundingSource: 'fiscal',
  description: '太短',
  ceilingYuan: '80000',
  method: 'lowest_price',
  deadline: '2026-10-09T12:00',
}

test.group('Field labels per form', () => {
  test('the project form and the agency profile each name their own description', async ({
    assert,
  }) => {
    assert.equal(formOf(projectFormValidator), 'project')
    assert.equal(formOf(updateAgencyProfileValidator), 'agency')
    const project = await refusal(projectFormValidator, projectForm, 'project')
    assert.equal(
      project.find((m) => m.field === 'description').message,
      '项目概况至少需要 10 个字符'
    )
    const agency = await refusal(updateAgencyProfileValidator, { description: 5 }, 'agency')
    assert.equal(agency.find((m) => m.field === 'description').message, '机构简介必须是文本')
  })

  test('a form without labels of its own falls back to the shared ones, then to the field name', async ({
    assert,
  }) => {
    const shared = await refusal(projectFormValidator, { ...projectForm, title: 'x' }, undefined)
    assert.equal(shared.find((m) => m.field === 'title').message, '项目名称至少需要 4 个字符')
    const unnamed = await refusal(projectFormValidator, projectForm, undefined)
    assert.equal(unnamed.find((m) => m.field === 'description').message, '说明至少需要 10 个字符')
  })

  test('a credit event names its type as a credit event type, in Chinese and in English', async ({
    assert,
  }) => {
    const event = { agencyId: 1, type: 'bribery', reason: '查实的违规行为' }
    const zh = await refusal(creditEventValidator, event, 'credit')
    assert.equal(zh[0].message, '请选择有效的信用事件类型')
    const en = await refusal(creditEventValidator, event, 'credit', 'en')
    assert.equal(en[0].message, 'Choose a valid credit event type')
  })
})

test.group('What HTML forms send, read by their validators', () => {
  test('the project form turns the Beijing deadline into an instant and yuan into fen', async ({
    assert,
  }) => {
    const draft = draftFromForm(
      await projectFormValidator.validate({ ...projectForm, description: '编制环境影响报告表。' })
    )
    assert.equal(draft.deadline.toISOString(), '2026-10-09T04:00:00.000Z')
    assert.equal(draft.ceilingPriceFen, 8_000_000)
    assert.isUndefined(draft.floorPriceFen)
  })

  test('unticked checkboxes are false, ticked ones true; one selected code is a list', async ({
    assert,
  }) => {
    const answer = await answerComplaintFormValidator.validate({
      upheld: 'true',
      decision: '经查属实，责令整改。',
      creditEvent: '1',
    })
    assert.deepInclude(answer, { upheld: true, public: false, creditEvent: true })

    const rules = Object.fromEntries(
      CREDIT_EVENT_TYPES.map((type) => [type, { points: -5, validityYears: 3 }])
    )
    const table = await creditRulesFormValidator.validate({ rules, reason: '调整扣分' })
    assert.deepEqual(table.incentives, { scoredCreditPartInFull: false, listedFirst: false })

    const alert = await alertSubscriptionFormValidator.validate({
      itemCodes: 'ZJ-001',
      frequency: 'daily',
    })
    assert.deepEqual(alert.itemCodes, ['ZJ-001'])
    assert.deepEqual(alert.regionCodes, [])
  })
})
