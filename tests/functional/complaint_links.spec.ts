import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Organization from '#models/organization'
import Project from '#models/project'
import { createUserWithRole } from '#database/factories/account_factories'
import { signedContract } from '#tests/payment_fixtures'

/** The address of the first link to the complaint form on a page. */
function complaintLink(html: string) {
  const href = /href="(\/complaints\/new\?[^"]*)"/.exec(html)?.[1]
  return href?.replaceAll('&amp;', '&')
}

test.group('Complaint links: the subject comes from the page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a visitor complains from an agency page: the form names the agency and asks for no number', async ({
    client,
    assert,
  }) => {
    const { contract } = await signedContract()
    const agency = await Organization.findOrFail(contract.agencyOrganizationId)
    const page = await client.get(`/agencies/${agency.id}`)
    page.assertStatus(200)
    const link = complaintLink(page.text())
    assert.equal(link, `/complaints/new?agencyId=${agency.id}`)

    const form = await client.get(link!)
    form.assertStatus(200)
    assert.include(form.text(), `被投诉机构：${agency.name}（统一社会信用代码 ${agency.uscc}）`)
    assert.include(form.text(), `<input type="hidden" name="agencyId" value="${agency.id}">`)
    assert.notInclude(form.text(), 'id="field-agencyId"')
    assert.include(form.text(), '请选择投诉类别')
  })

  test('each party of a contract complains about the other one, the project named', async ({
    client,
    assert,
  }) => {
    const { contract, owner, agency } = await signedContract()
    const project = await Project.findOrFail(contract.projectId)

    const ownerPage = await client.get(`/contracts/${contract.id}`).loginAs(owner)
    const asOwner = complaintLink(ownerPage.text())
    assert.equal(
      asOwner,
      `/complaints/new?agencyId=${contract.agencyOrganizationId}&projectId=${project.id}`
    )
    const agencyPage = await client.get(`/contracts/${contract.id}`).loginAs(agency)
    const asAgency = complaintLink(agencyPage.text())
    assert.equal(
      asAgency,
      `/complaints/new?ownerId=${contract.ownerOrganizationId}&projectId=${project.id}`
    )

    const form = await client.get(asAgency!).loginAs(agency)
    assert.include(form.text(), `涉及项目：${project.code} ${project.title}`)
    assert.include(form.text(), '项目业主：')
  })

  test('the staff who answer complaints get no complaint link; without a link the form asks for the numbers', async ({
    client,
    assert,
  }) => {
    const { contract } = await signedContract()
    const regulator = await createUserWithRole('regulator')
    const page = await client.get(`/agencies/${contract.agencyOrganizationId}`).loginAs(regulator)
    page.assertStatus(200)
    assert.isUndefined(complaintLink(page.text()))

    const form = await client.get('/complaints/new')
    assert.include(form.text(), 'id="field-agencyId"')
    assert.notInclude(form.text(), '被投诉机构：')
  })
})

test.group('Complaint links on project pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a published project page links to a complaint about it; the owner of a draft sees no such link', async ({
    client,
    assert,
  }) => {
    const { contract, owner } = await signedContract()
    const page = await client.get(`/projects/${contract.projectId}`)
    page.assertStatus(200)
    assert.equal(complaintLink(page.text()), `/complaints/new?projectId=${contract.projectId}`)

    const draft = await Project.findOrFail(contract.projectId)
    draft.status = 'draft'
    await draft.save()
    const ownPage = await client.get(`/projects/${draft.id}`).loginAs(owner)
    ownPage.assertStatus(200)
    assert.isUndefined(complaintLink(ownPage.text()))
  })
})
