// The world reads values where they arrive: `(await call(…)).body().id`.
/* eslint-disable @unicorn/no-await-expression-member */
/*
 * The world of the authorisation matrix: real records, each belonging to a
 * known actor, made through the API the way owners, agencies and regulators
 * make them (the test market built and the clock frozen by the caller at
 * 2026-09-29 10:00 Beijing time). Owner A (owner@demo) and agency A
 * (agency5@demo) own everything private here; owner B and agency B own
 * nothing of it, so a route that answers them with the record's data finds
 * records outside the actor's scope.
 */
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import User from '#models/user'
import { clock } from '#services/clock'
import Department from '#models/department'
import DepartmentAffiliate from '#models/department_affiliate'
import AgencyDeclaration from '#models/agency_declaration'
import { demoAgency, demoOwner, signedProject } from '#tests/selection_fixtures'
import { textFile, textPdf } from '#tests/file_fixtures'
import { sqlTime } from '#services/sql_time'
import { resetStripeMock } from '#tests/stripe'
import {
  createUserWithRole,
  nextUscc,
  insertUsersWithHash,
  sharedPasswordHash,
  TEST_PASSWORD,
} from '#database/factories/account_factories'
import { WORLD_PASSWORD } from '#tests/world_data'

export const ACTORS = [
  'public',
  'ownerA',
  'ownerB',
  'agencyA',
  'agencyB',
  'regulator',
  'admin',
] as const
export type Actor = (typeof ACTORS)[number]

/**
 * Words written only into private records (a draft, files, evidence): a
 * refused answer must never carry one of them.
 */
export const PRIVATE_MARKERS = [
  'AUTHZ-DRAFT-TITLE',
  'AUTHZ-DRAFT-DOC',
  'AUTHZ-DELIVERABLE-ONE',
  'AUTHZ-DELIVERABLE-TWO',
  'AUTHZ-QUALIFICATION-SCAN',
  'AUTHZ-COMPLAINT-EVIDENCE',
  'AUTHZ-INSPECTION-EVIDENCE',
  'AUTHZ-SIGNATORY-AUTHORISATION',
]

export type World = Awaited<ReturnType<typeof buildWorld>>
export type WorldKey = Exclude<keyof World, 'users' | 'tokens'>

type Method = 'get' | 'post' | 'put' | 'delete'

function call(client: any, method: Method, url: string, as?: User) {
  const request = client[method](url)
  return as ? request.withGuard('api').loginAs(as) : request
}

async function expectStatus(response: any, status: number, what: string) {
  if (response.status() !== status) {
    throw new Error(
      `authorisation world: ${what} answered ${response.status()}: ${response.text()}`
    )
  }
  return response.body()
}

const PROJECT = {
  serviceItemCode: 'ZJ-001',
  fundingSource: 'fiscal',
  description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
  ceilingPriceFen: 8_000_000,
  method: 'lowest_price',
  deadline: '2026-10-30T04:00:00Z',
}

export async function buildWorld(client: any) {
  // The world pays a milestone: a mock that remembers an earlier spec's world (the same
  // contract id and creation second, other amounts) would refuse the idempotency key.
  await resetStripeMock()
  const ownerA = await demoOwner()
  const agencyA = await demoAgency(5)
  const agencyB = await demoAgency(2)
  const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
  const admin = await User.findByOrFail('email', 'admin@demo.example.com')
  const ownerB = await createUserWithRole('owner')
  const users: Record<Exclude<Actor, 'public'>, User> = {
    ownerA,
    ownerB,
    agencyA,
    agencyB,
    regulator,
    admin,
  }

  // — A contract in service between owner A and agency A (signed 13 Oct) —
  const signed = await signedProject(client)
  const milestone = await db
    .from('milestones')
    .where('contract_id', signed.contractId)
    .orderBy('position')
    .firstOrFail()
  const bidA = await db
    .from('bids')
    .where('project_id', signed.projectId)
    .where('organization_id', agencyA.organizationId)
    .firstOrFail()

  // A payment started by owner A (the local Stripe mock answers).
  const payment = await expectStatus(
    await call(client, 'post', `/api/v1/milestones/${milestone.id}/payments`, ownerA),
    201,
    'payment'
  )

  // Agency A delivers two reports; owner A accepts and rates it badly (credit event, follow-up).
  await expectStatus(
    await call(client, 'post', `/api/v1/contracts/${signed.contractId}/deliverables`, agencyA)
      .field('summary', '环境影响报告表（送审稿）及附图')
      .file('files[]', await textFile('AUTHZ-DELIVERABLE-ONE 环境影响报告表正文', 'one.txt'))
      .file('files[]', await textFile('AUTHZ-DELIVERABLE-TWO 环境影响报告表附图说明', 'two.txt')),
    201,
    'deliverable'
  )
  const deliverableFiles = await db
    .from('deliverable_files as f')
    .join('deliverables as d', 'd.id', 'f.deliverable_id')
    .where('d.contract_id', signed.contractId)
    .select('f.id')
    .orderBy('f.id')
  await expectStatus(
    await call(client, 'post', `/api/v1/contracts/${signed.contractId}/accept`, ownerA),
    200,
    'acceptance'
  )
  const evaluation = await expectStatus(
    await call(client, 'post', `/api/v1/contracts/${signed.contractId}/evaluate`, ownerA).json({
      quality: 1,
      timeliness: 1,
      attitude: 2,
      feeCompliance: 2,
      comment: '报告质量差，多次返工',
    }),
    201,
    'evaluation'
  )
  const followUp = await db.from('follow_up_cases').where('evaluation_id', evaluation.id).first()

  // — Regulators: credit events on agency A, one appealed, one under repair; a ban —
  const penalty = async (reason: string) =>
    expectStatus(
      await call(client, 'post', '/api/v1/regulator/credit-events', regulator).json({
        agencyId: agencyA.organizationId,
        type: 'regulator_penalty',
        points: -5,
        reason,
      }),
      201,
      'credit event'
    )
  const creditEvent = await penalty('出具报告数据不实')
  const appealed = await penalty('未按规定公示收费标准')
  const appeal = await expectStatus(
    await call(client, 'post', `/api/v1/credit-events/${appealed.id}/appeal`, agencyA).json({
      reason: '收费标准已在机构主页公示，附截图为证。',
    }),
    201,
    'appeal'
  )
  const repaired = await penalty('超期出具报告')
  const repair = await repairApplication(client, repaired.id, agencyA)
  // 联合惩戒: a list naming a subject not registered here (nobody in the world is barred by it).
  const listed = await expectStatus(
    await call(client, 'post', '/api/v1/regulator/joint-punishments/imports', regulator)
      .field('listName', '失信被执行人名单')
      .field('measure', 'all')
      .file(
        'file',
        await textFile(
          `uscc,source,date,legal_basis\n${nextUscc()},最高人民法院,2026-03-02,《关于公布失信被执行人名单信息的若干规定》第一条\n`,
          'list.csv'
        )
      ),
    201,
    'joint punishment list'
  )
  const jointPunishmentEntry = await db
    .from('joint_punishment_entries')
    .where('import_id', listed.id)
    .firstOrFail()
  const repairFile = await db
    .from('credit_appeal_files')
    .where('credit_appeal_id', repair)
    .firstOrFail()
  const ban = await expectStatus(
    await call(client, 'post', '/api/v1/regulator/bans', regulator).json({
      agencyId: (await demoAgency(7)).organizationId,
      reason: '出具虚假报告',
      legalBasis: '《眉山市规范行政审批中介服务专项行动方案》',
      startsAt: '2026-10-14T00:00:00+08:00',
      endsAt: '2027-10-14T00:00:00+08:00',
    }),
    201,
    'ban'
  )

  // — Owner A's other projects: a draft with a document, an open announcement, a direct request —
  const draft = await expectStatus(
    await call(client, 'post', '/api/v1/projects', ownerA).json({
      ...PROJECT,
      title: 'AUTHZ-DRAFT-TITLE 未发布的项目',
    }),
    201,
    'draft'
  )
  const draftAttachment = await expectStatus(
    await call(client, 'post', `/api/v1/projects/${draft.id}/attachments`, ownerA).file(
      'file',
      await textPdf('AUTHZ-DRAFT-DOC', '采购文件.pdf')
    ),
    201,
    'draft attachment'
  )
  const open = await expectStatus(
    await call(client, 'post', '/api/v1/projects', ownerA).json({
      ...PROJECT,
      title: '东坡区污水管网工程环境影响评价',
    }),
    201,
    'open project'
  )
  await expectStatus(
    await call(client, 'post', `/api/v1/projects/${open.id}/publish`, ownerA),
    200,
    'publication'
  )
  await expectStatus(
    await call(client, 'post', `/api/v1/projects/${open.id}/bids`, agencyA).json({
      quoteFen: 6_000_000,
    }),
    201,
    'bid'
  )
  const direct = await expectStatus(
    await call(client, 'post', '/api/v1/projects', ownerA).json({
      ...PROJECT,
      title: '太和镇道路工程环境影响评价',
      method: 'direct',
      ceilingPriceFen: 3_000_000,
      directAgencyId: agencyA.organizationId,
    }),
    201,
    'direct project'
  )
  await expectStatus(
    await call(client, 'post', `/api/v1/projects/${direct.id}/publish`, ownerA),
    200,
    'direct publication'
  )
  // Agency 1 leads a consortium naming agency A as its member, on a project agency A has no bid in.
  const joint = await expectStatus(
    await call(client, 'post', '/api/v1/projects', ownerA).json({
      ...PROJECT,
      title: '东坡区文化广场工程环境影响评价',
    }),
    201,
    'consortium project'
  )
  await expectStatus(
    await call(client, 'post', `/api/v1/projects/${joint.id}/publish`, ownerA),
    200,
    'consortium publication'
  )
  await expectStatus(
    await call(client, 'post', `/api/v1/projects/${joint.id}/bids`, await demoAgency(1)).json({
      quoteFen: 6_100_000,
      consortium: [{ agencyId: agencyA.organizationId, itemCode: 'ZJ-002' }],
    }),
    201,
    'consortium bid'
  )
  const consortiumRequest = await db
    .from('bid_members')
    .where('organization_id', agencyA.organizationId)
    .firstOrFail()

  // An objection of agency 6 against the award of the signed project (written directly:
  // the publicity period it belongs to is over).
  const bid6 = await db
    .from('bids')
    .where('project_id', signed.projectId)
    .where('organization_id', (await demoAgency(6)).organizationId)
    .firstOrFail()
  const [objectionId] = await db.table('objections').insert({
    project_id: signed.projectId,
    organization_id: bid6.organization_id,
    bid_id: bid6.id,
    filed_by_user_id: bid6.submitted_by_user_id,
    round: 1,
    reason: '中选机构的业绩材料与事实不符，请核查。',
    status: 'pending',
    response_due_at: sqlTime(clock.now()),
    created_at: sqlTime(clock.now()),
  })
  // Its evidence: read by the project's owner, the objector and regulators.
  const objectionFileKey = `objections/authz-${objectionId}.pdf`
  await drive.use().put(objectionFileKey, 'AUTHZ-OBJECTION-EVIDENCE')
  const [objectionFileId] = await db.table('objection_files').insert({
    objection_id: objectionId,
    file_key: objectionFileKey,
    file_name: '业绩材料核查.pdf',
    file_mime: 'application/pdf',
    file_size: 24,
    created_at: sqlTime(clock.now()),
  })

  // — Registry: agency A's scanned qualification and a practitioner; owner A's key person —
  const qualification = await expectStatus(
    await call(client, 'post', '/api/v1/agency/qualifications', agencyA)
      .fields({
        type: 'engineering_consulting',
        level: 'b',
        certificateNo: 'HP-2026-099',
        issuer: '四川省生态环境厅',
        validUntil: '2028-06-30',
      })
      .file('file', await textPdf('AUTHZ-QUALIFICATION-SCAN')),
    201,
    'qualification'
  )
  // Removing a qualification deletes its scan from the disk, which no rollback restores:
  // the removal routes get a qualification without a scan.
  const qualificationWithoutScan = await expectStatus(
    await call(client, 'post', '/api/v1/agency/qualifications', agencyA).json({
      type: 'engineering_consulting',
      level: 'b',
      certificateNo: 'HP-2026-100',
      issuer: '四川省生态环境厅',
      validUntil: '2028-06-30',
    }),
    201,
    'qualification without a scan'
  )
  const practitioner = await db
    .from('practitioners')
    .where('organization_id', agencyA.organizationId)
    .orderBy('id')
    .firstOrFail()
  const person = await expectStatus(
    await call(client, 'post', '/api/v1/owner/persons', ownerA).json({
      name: '王建国',
      idNumber: '11010519491231002X',
      role: 'manager',
    }),
    201,
    'owner person'
  )
  // 允许企业自主编制: owner A prepares a may-self-prepare item itself.
  const selfPreparation = await expectStatus(
    await call(client, 'post', '/api/v1/owner/self-preparations', ownerA).json({
      serviceItemCode: 'ZJ-002',
      title: '产业园节能报告自主编制',
      statement: '本单位能源管理部门自行编制节能报告。',
    }),
    201,
    'self-preparation'
  )
  const token = await expectStatus(
    await call(client, 'post', '/api/v1/tokens', ownerA).json({ name: '审批系统对接' }),
    201,
    'access token'
  )

  // — A complaint with evidence, and a random inspection of every ZJ-001 agency —
  const complaint = await expectStatus(
    await client
      .post('/api/v1/complaints')
      .fields({
        category: 'fee_violation',
        text: '该机构在环评报告编制中另行收取“加急费”两万元，未列入合同。',
        agencyId: String(agencyA.organizationId),
      })
      .file('files[]', await textPdf('AUTHZ-COMPLAINT-EVIDENCE')),
    201,
    'complaint'
  )
  const complaintFile = await db
    .from('complaint_files')
    .where('complaint_id', complaint.id)
    .firstOrFail()
  const plan = await expectStatus(
    await call(client, 'post', '/api/v1/regulator/inspections', regulator).json({
      agencyCount: 5,
      inspectorCount: 1,
      itemCode: 'ZJ-001',
      name: '环评机构抽查',
    }),
    201,
    'inspection plan'
  )
  await expectStatus(
    await call(client, 'post', `/api/v1/regulator/inspections/${plan.id}/results`, regulator)
      .field('agencyId', String(agencyA.organizationId))
      .field('outcome', 'rectification')
      .field('note', '报告底稿缺失，责令整改')
      .file('files[]', await textPdf('AUTHZ-INSPECTION-EVIDENCE')),
    201,
    'inspection result'
  )
  const inspectionListEntry = await expectStatus(
    await call(client, 'post', '/api/v1/regulator/inspection-list', regulator).json({
      itemCode: 'ZJ-001',
      subject: '执业人员资格与备案信息是否一致',
      legalBasis: '《中介服务管理办法》第十条',
    }),
    201,
    'inspection list entry'
  )
  const inspectionFile = await db
    .from('inspection_files as f')
    .join('inspection_targets as t', 't.id', 'f.target_id')
    .where('t.plan_id', plan.id)
    .select('f.id')
    .firstOrFail()

  // Owner A's signing key (an API client's), and agency A's designated signatory with the authorisation
  const signingKey = await expectStatus(
    await call(client, 'post', '/api/v1/signing-keys', ownerA).json({
      csrPem: await certificateRequest(),
      password: WORLD_PASSWORD,
    }),
    201,
    'signing key'
  )
  const [agencyColleague] = await insertUsersWithHash([
    {
      organizationId: agencyA.organizationId,
      email: 'authz-colleague@test.example.com',
      passwordHash: await sharedPasswordHash(TEST_PASSWORD),
      role: 'agency',
      fullName: '授权代表',
      phone: null,
    },
  ])
  const signatory = await expectStatus(
    await call(client, 'post', '/api/v1/organization/signatories', agencyA)
      .field('userId', String(agencyColleague.id))
      .field('capacity', 'authorised_representative')
      .file('document', await textPdf('AUTHZ-SIGNATORY-AUTHORISATION')),
    201,
    'signatory'
  )
  // 红顶中介: the department approving ZJ-001 and one entry of its register (an unrelated organisation).
  const department = await Department.findByOrFail('name', '市生态环境局')
  const affiliate = await DepartmentAffiliate.create({
    departmentId: department.id,
    uscc: '12511400MB0000000X',
    name: '眉山市环境监测站',
    relation: 'sponsors',
    addedReason: '授权测试用登记',
    addedByUserId: null,
  })

  // Agency A's declaration: a private enterprise with one corporate and one natural-person shareholder.
  const declaration = await AgencyDeclaration.create({
    organizationId: agencyA.organizationId,
    version: 1,
    nature: 'social_organization',
    sponsorName: '眉山市工程咨询协会',
    sponsorUscc: '51511400MJQ000000X',
    shareholders: JSON.stringify([
      { name: '眉山市工程咨询协会', uscc: '51511400MJQ000000X', idHash: null, shareBp: 6000 },
      { name: '周涛', uscc: null, idHash: 'ab'.repeat(32), shareBp: 1250 },
    ]),
    declaredByUserId: agencyA.id,
  })

  const releases = (await client.get('/api/v1/ocds/releases')).body()
  const signedCode = (await db.from('projects').where('id', signed.projectId).firstOrFail()).code

  return {
    users,
    // Projects of owner A
    signedProject: signed.projectId,
    openProject: open.id as number,
    directProject: direct.id as number,
    consortiumRequest: Number(consortiumRequest.id),
    draftProject: draft.id as number,
    draftAttachment: Number(draftAttachment.id),
    // The contract and what hangs on it
    contract: signed.contractId,
    milestone: Number(milestone.id),
    payment: Number(payment.paymentId),
    bidA: Number(bidA.id),
    deliverableFile: Number(deliverableFiles[0].id),
    otherDeliverableFile: Number(deliverableFiles[1].id),
    evaluation: Number(evaluation.id),
    followUp: Number(followUp?.id),
    objection: Number(objectionId),
    objectionFile: Number(objectionFileId),
    // Credit and regulation
    creditEvent: Number(creditEvent.id),
    appeal: Number(appeal.id),
    repair: Number(repair),
    repairFile: Number(repairFile.id),
    jointPunishmentEntry: Number(jointPunishmentEntry.id),
    ban: Number(ban.id),
    complaint: Number(complaint.id),
    complaintFile: Number(complaintFile.id),
    trackingCode: String(complaint.trackingCode),
    inspectionPlan: Number(plan.id),
    inspectionFile: Number(inspectionFile.id),
    inspectionListEntry: Number(inspectionListEntry.id),
    // Registry and accounts
    qualification: Number(qualification.id),
    qualificationWithoutScan: Number(qualificationWithoutScan.id),
    practitioner: Number(practitioner.id),
    person: Number(person.id),
    selfPreparation: Number(selfPreparation.id),
    token: Number(token.id),
    signingCertificate: String(signingKey.serialNumber),
    signatoryDocument: Number(signatory.designationId),
    agencySignatoryUser: agencyColleague.id,
    agencyBUser: users.agencyB.id,
    ownerOrganization: ownerA.organizationId,
    agencyOrganization: agencyA.organizationId,
    // Catalog, calendar, templates, open data
    serviceItemCode: 'ZJ-001',
    fundingSource: 'fiscal',
    department: department.id,
    affiliate: affiliate.id,
    declaration: declaration.id,
    templateKey: 'general',
    calendarDay: '2026-12-31',
    ocid: String(
      releases.releases.find((release: any) => release.ocid.endsWith(signedCode))?.ocid ??
        releases.releases[0].ocid
    ),
  }
}

/** A PKCS#10 request of a fresh P-256 key, as an API client sends it. */
async function certificateRequest() {
  x509.cryptoProvider.set(globalThis.crypto)
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const keys = (await crypto.subtle.generateKey(algorithm, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=authz',
    keys,
    signingAlgorithm: algorithm,
  })
  return request.toString('pem')
}

/**
 * A repair application (信用修复) of agency A, through the API, with its
 * evidence and commitment: filed once the penalty's minimum publication
 * period (一般失信: 3 months) has passed, then the clock comes back.
 */
async function repairApplication(client: any, creditEventId: number, agency: User) {
  const now = clock.now()
  clock.freeze(new Date(now.getTime() + 100 * 86_400_000))
  try {
    const response = await call(client, 'post', '/api/v1/credit-repairs', agency)
      .field('creditEventId', String(creditEventId))
      .field('correction', '已完成整改，报告已重新出具并通过评审。')
      .field(
        'commitment',
        '本机构承诺已纠正失信行为并履行相关义务，今后诚信经营，如有违反接受惩戒。'
      )
      .field('signed', 'true')
      .file('files[]', await textPdf('Corrected report'))
    if (response.status() === 201) return Number(response.body().id)
    throw new Error(`authorisation world: repair answered ${response.status()}: ${response.text()}`)
  } finally {
    clock.freeze(now)
  }
}
