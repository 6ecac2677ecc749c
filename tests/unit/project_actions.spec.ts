import { test } from '@japa/runner'
import {
  NO_RIGHTS,
  projectActions,
  projectShows,
  type ProjectActionFacts,
  type ProjectViewerRights,
} from '#presenters/project_actions'
import {
  contractActions,
  contractServiceActions,
  type ContractServiceFacts,
} from '#presenters/contract_actions'

const project = (facts: Partial<ProjectActionFacts>): ProjectActionFacts => ({
  status: 'published',
  stage: null,
  method: 'random',
  latestContract: null,
  myBid: null,
  participated: false,
  blindPlanCount: 0,
  ...facts,
})
const owner: ProjectViewerRights = { ...NO_RIGHTS, manage: true }
const agency: ProjectViewerRights = { ...NO_RIGHTS, respond: true, fileObjection: true }

test.group('Project actions', () => {
  test('the owner publishes a draft, edits it and may cancel it; nobody else may', ({ assert }) => {
    const draft = project({ status: 'draft' })
    const mine = projectActions(draft, owner)
    assert.isTrue(mine.publish && mine.editDraft && mine.cancel)
    assert.isFalse(mine.republish || mine.ownerWaits)
    const theirs = projectActions(draft, agency)
    assert.isFalse(theirs.publish || theirs.editDraft || theirs.cancel || theirs.manage)
  })

  test('no cancellation after the opening, the result or the award', ({ assert }) => {
    assert.isTrue(projectActions(project({ status: 'published' }), owner).cancel)
    for (const status of ['opened', 'publicity', 'awarded', 'contracted', 'failed'] as const) {
      const actions = projectActions(project({ status }), owner)
      assert.isFalse(actions.cancel, status)
    }
    assert.isTrue(projectActions(project({ status: 'awarded' }), owner).ownerWaits)
  })

  test('a failed selection is published again with a new deadline, not as a draft', ({
    assert,
  }) => {
    const actions = projectActions(project({ status: 'failed' }), owner)
    assert.isTrue(actions.republish)
    assert.isFalse(actions.publish || actions.editDraft || actions.ownerWaits)
  })

  test('the next alternate only after the winner refused or let the window pass', ({ assert }) => {
    const awarded = (latestContract: ProjectActionFacts['latestContract']) =>
      projectActions(project({ status: 'awarded', latestContract }), owner).takeNextAlternate
    assert.isTrue(awarded('refused'))
    assert.isTrue(awarded('expired'))
    assert.isFalse(awarded(null))
    assert.isFalse(awarded('drafting'))
    assert.isFalse(awarded('signing'))
    assert.isFalse(
      projectActions(project({ status: 'contracted', latestContract: 'refused' }), owner)
        .takeNextAlternate
    )
    assert.isFalse(
      projectActions(project({ status: 'awarded', latestContract: 'refused' }), agency)
        .takeNextAlternate
    )
  })

  test('agencies bid while the announcement runs, and withdraw only a bid they placed', ({
    assert,
  }) => {
    const open = projectActions(project({}), agency)
    assert.isTrue(open.bid)
    assert.isFalse(open.withdrawBid)
    const placed = projectActions(
      project({ myBid: { abnormallyLow: false, justification: null } }),
      agency
    )
    assert.isTrue(placed.withdrawBid)
    assert.isFalse(projectActions(project({ status: 'opened' }), agency).bid)
    assert.isFalse(projectActions(project({}), owner).bid)
  })

  test('only the named agency answers a direct request, and only while it waits', ({ assert }) => {
    const named = { ...NO_RIGHTS, answerDirect: true }
    const waiting = project({ method: 'direct', stage: 'confirmation' })
    assert.isTrue(projectActions(waiting, named).respondDirect)
    assert.isFalse(projectActions(waiting, agency).respondDirect)
    assert.isFalse(projectActions({ ...waiting, stage: null }, named).respondDirect)
  })

  test('a low quote is justified once, during the justification stage only', ({ assert }) => {
    const low = { abnormallyLow: true, justification: null }
    const justifying = project({ status: 'opened', stage: 'justification', myBid: low })
    assert.isTrue(projectActions(justifying, agency).justify)
    assert.isFalse(
      projectActions({ ...justifying, myBid: { ...low, justification: 'costs' } }, agency).justify
    )
    assert.isFalse(projectActions({ ...justifying, stage: 'owner_decision' }, agency).justify)
    assert.isFalse(
      projectActions({ ...justifying, myBid: { ...low, abnormallyLow: false } }, agency).justify
    )
  })

  test('the owner decides low quotes, picks and scores only at the matching stage', ({
    assert,
  }) => {
    const opened = (stage: string | null, blindPlanCount = 0) =>
      projectActions(project({ status: 'opened', stage, blindPlanCount }), owner)
    assert.isTrue(opened('justification').decideLowQuotes)
    assert.isTrue(opened('owner_decision').decideLowQuotes)
    assert.isFalse(opened('pick').decideLowQuotes)
    assert.isTrue(opened('pick').pickFromShortlist)
    assert.isFalse(opened(null).pickFromShortlist)
    assert.isTrue(opened('plan_scores', 2).scorePlans)
    assert.isFalse(opened('plan_scores', 0).scorePlans)
    assert.isFalse(
      projectActions(project({ status: 'opened', stage: 'pick' }), agency).pickFromShortlist
    )
  })

  test('participants object during publicity only; regulators decide objections', ({ assert }) => {
    const publicity = project({ status: 'publicity', participated: true })
    assert.isTrue(projectActions(publicity, agency).object)
    assert.isFalse(projectActions({ ...publicity, participated: false }, agency).object)
    assert.isFalse(projectActions({ ...publicity, status: 'awarded' }, agency).object)
    assert.isFalse(projectActions(publicity, agency).decideObjections)
    assert.isTrue(
      projectActions(publicity, { ...NO_RIGHTS, decideObjections: true }).decideObjections
    )
  })

  test('a lowest-price result with no tie shows no draw; a pending or performed draw does', ({
    assert,
  }) => {
    const result = { status: 'publicity', stage: null, method: 'lowest_price' } as const
    assert.isFalse(projectShows({ ...result, drawCount: 0, pendingCount: 0 }).draw)
    assert.isTrue(projectShows({ ...result, drawCount: 1, pendingCount: 0 }).draw)
    assert.isTrue(projectShows({ ...result, drawCount: 0, pendingCount: 1 }).draw)
    assert.isTrue(projectShows({ ...result, drawCount: 0, pendingCount: 0 }).resultPublished)
  })
})

const service = (facts: Partial<ContractServiceFacts>): ContractServiceFacts => ({
  contract: 'signed',
  project: 'in_service',
  paused: false,
  approvalRecorded: false,
  ownerRated: false,
  ...facts,
})
const contractOwner = { manageService: true, deliver: false, recordApproval: false }
const contractAgency = { manageService: false, deliver: true, recordApproval: false }

test.group('Contract service actions', () => {
  test('in service the owner pauses and the agency delivers; each not the other', ({ assert }) => {
    const ownerSide = contractServiceActions(service({}), contractOwner)
    assert.isTrue(ownerSide.canPause)
    assert.isFalse(ownerSide.canDeliver || ownerSide.canResume)
    const agencySide = contractServiceActions(service({}), contractAgency)
    assert.isTrue(agencySide.canDeliver)
    assert.isFalse(agencySide.canPause)
  })

  test('a paused clock is resumed, and nothing is delivered meanwhile', ({ assert }) => {
    assert.isTrue(contractServiceActions(service({ paused: true }), contractOwner).canResume)
    assert.isFalse(contractServiceActions(service({ paused: true }), contractOwner).canPause)
    assert.isFalse(contractServiceActions(service({ paused: true }), contractAgency).canDeliver)
  })

  test('nothing is done under a contract that is not in force', ({ assert }) => {
    for (const contract of ['drafting', 'signing', 'terminated'] as const) {
      const actions = contractServiceActions(service({ contract }), contractOwner)
      assert.isFalse(Object.values(actions).some(Boolean), contract)
    }
  })

  test('review after delivery, evaluation after acceptance, one rating of the owner', ({
    assert,
  }) => {
    assert.isTrue(
      contractServiceActions(service({ project: 'delivered' }), contractOwner).canReview
    )
    assert.isFalse(contractServiceActions(service({}), contractOwner).canReview)
    assert.isTrue(
      contractServiceActions(service({ project: 'accepted' }), contractOwner).canEvaluate
    )
    assert.isFalse(
      contractServiceActions(service({ project: 'evaluated' }), contractOwner).canEvaluate
    )
    assert.isTrue(
      contractServiceActions(service({ project: 'closed' }), contractAgency).canRateOwner
    )
    assert.isFalse(
      contractServiceActions(service({ project: 'closed', ownerRated: true }), contractAgency)
        .canRateOwner
    )
    assert.isFalse(contractServiceActions(service({}), contractAgency).canRateOwner)
  })

  test('the approving department records its outcome once, after acceptance', ({ assert }) => {
    const approver = { manageService: false, deliver: false, recordApproval: true }
    assert.isTrue(
      contractServiceActions(service({ project: 'accepted' }), approver).canRecordApproval
    )
    assert.isFalse(
      contractServiceActions(service({ project: 'accepted', approvalRecorded: true }), approver)
        .canRecordApproval
    )
    assert.isFalse(contractServiceActions(service({}), approver).canRecordApproval)
    assert.isFalse(
      contractServiceActions(service({ project: 'accepted' }), contractOwner).canRecordApproval
    )
  })
})

test.group('Contract actions', () => {
  const ownerRights = { edit: true, sign: true, refuse: false }
  const agencyRights = { edit: false, sign: true, refuse: true }

  test('while the text is open the owner amends it and both sign; only the agency refuses', ({
    assert,
  }) => {
    for (const state of ['drafting', 'signing'] as const) {
      const ownerSide = contractActions(state, ownerRights)
      assert.isTrue(ownerSide.editTerms && ownerSide.sign, state)
      assert.isFalse(ownerSide.refuse || ownerSide.terminate || ownerSide.service, state)
      const agencySide = contractActions(state, agencyRights)
      assert.isTrue(agencySide.sign && agencySide.refuse, state)
      assert.isFalse(agencySide.editTerms, state)
    }
  })

  test('a contract in force is terminated by the owner only, and is no longer amended or signed', ({
    assert,
  }) => {
    const ownerSide = contractActions('signed', ownerRights)
    assert.isTrue(ownerSide.terminate && ownerSide.service)
    assert.isFalse(ownerSide.editTerms || ownerSide.sign)
    assert.isFalse(contractActions('signed', agencyRights).terminate)
  })

  test('an ended contract offers nothing', ({ assert }) => {
    for (const state of ['refused', 'expired', 'terminated'] as const) {
      const actions = contractActions(state, { edit: true, sign: true, refuse: true })
      assert.isFalse(Object.values(actions).some(Boolean), state)
    }
  })
})
