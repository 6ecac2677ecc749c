import 'reflect-metadata'
import { DEMO_SERVICE_GUIDES } from '#database/data/service_guides'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { MultipartFile } from '@adonisjs/core/bodyparser'
import { writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Project, { type SelectionMethod } from '#models/project'
import Contract from '#models/contract'
import FollowUpCase from '#models/follow_up_case'
import { clock } from '#services/clock'
import { recordCreditEvent } from '#services/credit_ledger'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { runTick } from '#actions/market_tick'
import { draftProject } from '#actions/projects/draft_project'
import { recordOutsideSelection } from '#actions/outside_selections/record_outside_selection'
import { publishProject } from '#actions/projects/publish_project'
import { placeBid } from '#actions/bids/place_bid'
import { fileObjection } from '#actions/selection/objections'
import * as x509 from '@peculiar/x509'
import { contractSigningRequest, signContractPdf } from '#actions/contracts/contract_pdf_signing'
import { enrolSigningKey } from '#actions/signing/signing_keys'
import { acceptDelivery, pauseService, submitDeliverable } from '#actions/delivery/service_delivery'
import { evaluateAgency, recordFollowUpStep } from '#actions/delivery/evaluations'
import { fileComplaint } from '#actions/complaints/file_complaint'
import { createInspectionPlan } from '#actions/inspections/inspection_plans'
import { imposeBan } from '#actions/bans/market_bans'
import { DEMO_PASSWORD } from '#database/data/demo_accounts'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import Milestone from '#models/milestone'
import type Payment from '#models/payment'
import {
  localWebhookSecret,
  stripeSettings,
  useLocalStripeMock,
  type Stripe,
} from '#services/stripe'
import { acceptDirectSelection } from '#actions/selection/direct_selection'
import { confirmTestPayment, payMilestone } from '#actions/payments/milestone_payments'
import { processStripeEvent } from '#actions/payments/stripe_events'
import { startStripeMock } from '#dev/stripe_mock/server'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** ZJ-001 (环境影响评价) projects of the demo owner, each named after a real-sounding site. */
const SITES = {
  evaluated: '东坡区滨江大道改造工程',
  delivered: '眉山天府新区科创中心一期工程',
  inService: '彭山区锦江大道延伸段工程',
  awarded: '青神县竹编产业园基础设施工程',
  publicity: '丹棱县城区污水管网改造工程',
  ownerPick: '洪雅县瓦屋山旅游公路工程',
  open: '东坡区太和镇农贸市场迁建工程',
  openToo: '仁寿县视高经济开发区道路工程',
  directFirst: '东坡区修文镇污水处理站',
  directSecond: '东坡区修文镇垃圾中转站',
} as const
type Site = keyof typeof SITES

/**
 * A market in motion for the demo, on top of DemoSeeder's catalog and
 * accounts: projects at every stage of their life, a contract to sign, one in
 * service, a delivery, a bad rating and its follow-up, an objection, a
 * complaint, an inspection plan, credit events and a ban. Everything is done
 * through the market's own verbs and its tick, on the market clock: the clock
 * starts some weeks ago, moves on day by day (the tick runs each day as it
 * would in production) and ends at the real present, unfrozen, so that the
 * projects open for bids really are open when the app starts.
 * Payments go through the local Stripe mock (started here on the state file
 * the web server's mock reads later, unless tests or the operator point the
 * market at a Stripe-compatible server): its events are handed to the same
 * handler as the webhook's, so the fee records and their flags are real —
 * among them two direct selections of one item by one owner that together
 * pass the direct-selection threshold (疑似拆分规避). With real Stripe keys
 * configured, the demo has no payments.
 */
/** The demo parties' signing keys: ECDSA P-256 with SHA-256, as browsers and API clients use. */
const DEMO_SIGNING = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

export default class DemoMarketSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  private ids = {} as Record<Site, number>
  private files: string | null = null
  private payments: DemoStripe | null = null

  async run() {
    if (await Project.query().first()) return
    const now = clock.now()
    try {
      this.payments = await demoStripe()
      await this.build(now)
    } finally {
      clock.unfreeze()
      await this.payments?.close()
      if (this.files) await rm(this.files, { recursive: true, force: true })
    }
  }

  private async build(now: Date) {
    const at = (offset: number) => new Date(now.getTime() + offset)
    clock.freeze(at(-45 * DAY))
    const owner = await this.user('owner@demo.example.com')
    const regulator = await this.user('regulator@demo.example.com')
    const agency = (n: number) => this.user(`agency${n}@demo.example.com`)

    const early = this.noonAt(at(-37 * DAY))
    await this.announce('evaluated', 'lowest_price', early, 7_500_000, [
      [5, 5_600_000],
      [1, 5_900_000],
      [6, 6_200_000],
    ])
    await this.announce('delivered', 'lowest_price', early, 9_000_000, [
      [1, 6_800_000],
      [8, 7_100_000],
    ])
    await this.announce('inService', 'lowest_price', early, 6_000_000, [
      [6, 4_500_000],
      [5, 4_800_000],
      [7, 5_000_000],
    ])
    // Meanwhile, two direct selections of one item by one owner, each under the threshold, a month apart.
    await this.selectDirectly('directFirst', 3_000_000, await agency(6))
    await this.payFirstMilestone('directFirst', owner)

    // Each contract is signed as soon as the award makes it, whatever the weekdays.
    for (const site of ['evaluated', 'delivered', 'inService'] as const) {
      await this.untilContracted(site)
      await this.signBothSides(site, owner)
    }
    await this.travelTo(at(-26 * DAY))
    await this.travelTo(at(-24 * DAY))
    await this.selectDirectly('directSecond', 2_800_000, await agency(6))
    await this.payFirstMilestone('directSecond', owner)

    // A project awarded a few days ago whose contract waits for signatures: a week from
    // its deadline, publicity (3 working days) has ended and signing (5) has not, on any weekday.
    await this.travelTo(at(-14 * DAY))
    await this.announce('awarded', 'lowest_price', this.noonAt(at(-7 * DAY)), 5_000_000, [
      [8, 3_900_000],
      [1, 4_100_000],
    ])

    await this.travelTo(at(-12 * DAY))
    await this.deliver('evaluated', await agency(5), '环境影响报告表（报批稿）及附图附件')
    await this.deliver('delivered', await agency(1), '环境影响报告书（送审稿）')

    // Two selections that close just before now: one in publicity, one awaiting the owner.
    await this.travelTo(at(-10 * DAY))
    const justBefore = at(-2 * HOUR)
    await this.announce('publicity', 'lowest_price', justBefore, 8_000_000, [
      [1, 6_300_000],
      [6, 6_600_000],
      [8, 7_000_000],
    ])
    await this.announce(
      'ownerPick',
      'credit_preferred',
      justBefore,
      7_000_000,
      [
        [1, 5_500_000],
        [5, 5_400_000],
        [6, 5_800_000],
        [8, 5_600_000],
      ],
      { longlistSize: 4, shortlistSize: 2 }
    )

    await this.travelTo(at(-9 * DAY))
    const evaluated = await this.contractOf('evaluated')
    await acceptDelivery(evaluated, owner)
    await this.payFirstMilestone('evaluated', owner)
    await this.travelTo(at(-8 * DAY))
    await evaluateAgency(
      evaluated,
      {
        quality: 1,
        timeliness: 2,
        attitude: 2,
        feeCompliance: 3,
        comment: '报告多次返工，逾期提交',
      },
      owner
    )

    // Projects open for bids beyond today.
    await this.travelTo(at(-6 * DAY))
    await this.announce('open', 'lowest_price', this.noonAt(at(14 * DAY)), 4_000_000, [
      [5, 3_200_000],
    ])
    await this.announce('openToo', 'random', this.noonAt(at(20 * DAY)), 12_000_000, [])

    // The service clock stopped: the owner owes the agency a document (补正).
    await this.travelTo(at(-4 * DAY))
    await pauseService(
      await this.contractOf('inService'),
      '等待业主补充项目用地红线图及规划条件，期间暂停计时',
      owner
    )

    // The regulators at work: a random inspection, a penalty, a complaint, a ban.
    await this.travelTo(at(-5 * DAY))
    await createInspectionPlan(
      { name: '环评机构报告质量抽查', agencyCount: 3, inspectorCount: 1, itemCode: 'ZJ-001' },
      regulator
    )
    await this.travelTo(at(-3 * DAY))
    // The bad rating opened a follow-up case: the regulator orders a rectification.
    const followUp = await FollowUpCase.query().orderBy('id').first()
    if (followUp) {
      await recordFollowUpStep(
        followUp,
        { step: 'rectification', note: '责令限期整改报告编制质量控制流程' },
        regulator
      )
    }
    const penalised = await this.agencyOf('evaluated')
    await db.transaction((trx) =>
      recordCreditEvent(trx, {
        organizationId: penalised,
        type: 'regulator_penalty',
        reason: '环境影响报告表数据引用不实',
        points: -5,
        actor: regulator,
      })
    )
    await fileComplaint(
      {
        category: 'fee_violation',
        text: '该机构在环评报告编制中另行收取“加急费”两万元，未列入合同。',
        agencyId: await this.agencyOf('evaluated'),
        projectId: this.ids.evaluated,
      },
      owner
    )
    // A socially invested project: the owner chose outside the market, as its rule set allows (自主选择).
    const chosen = await agency(2)
    const chosenOrganization = await db
      .from('organizations')
      .where('id', chosen.organizationId)
      .select('name', 'uscc')
      .firstOrFail()
    await recordOutsideSelection(
      {
        title: '东坡区商业综合体项目环境影响评价（社会投资）',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'social',
        agencyName: chosenOrganization.name,
        agencyUscc: chosenOrganization.uscc,
        priceFen: 12_000_000,
        selectedOn: at(-4 * DAY),
        reason: '开发企业经内部比选，选定具有同类商业综合体评价经验的机构',
      },
      owner
    )

    await this.travelTo(at(-1 * DAY))
    const banned = await agency(7)
    await imposeBan(
      {
        agencyId: banned.organizationId,
        reason: '出具虚假环境影响评价报告',
        legalBasis: '《建设项目环境影响报告书（表）编制监督管理办法》第二十六条',
        startsAt: at(-1 * DAY),
        endsAt: at(364 * DAY),
      },
      regulator
    )

    // The selections close; a losing agency objects to the result in publicity.
    await this.travelTo(at(-1 * HOUR))
    const publicity = await Project.findOrFail(this.ids.publicity)
    if (publicity.status === 'publicity') {
      await fileObjection(
        publicity,
        { reason: '中选机构的类似项目业绩材料与事实不符，请核查。' },
        await agency(6)
      )
    }
    await this.travelTo(now)
  }

  /** Moves the frozen clock forward to `until`, running the market tick once a day. */
  private async travelTo(until: Date) {
    while (clock.now().getTime() < until.getTime()) {
      clock.advance(Math.min(DAY, until.getTime() - clock.now().getTime()))
      await runTick()
    }
  }

  /** 12:00 Beijing time on the day of `day`. */
  private noonAt(day: Date) {
    return DateTime.fromJSDate(day)
      .setZone(DISPLAY_ZONE)
      .set({ hour: 12, minute: 0, second: 0, millisecond: 0 })
      .toJSDate()
  }

  private user(email: string) {
    return User.findByOrFail('email', email)
  }

  /** The owner drafts and publishes a ZJ-001 project; agencies bid [agency number, quote]. */
  private async announce(
    site: Site,
    method: SelectionMethod,
    deadline: Date,
    ceilingPriceFen: number,
    quotes: [number, number][],
    extra: { longlistSize?: number; shortlistSize?: number; directAgencyId?: number } = {}
  ) {
    const owner = await this.user('owner@demo.example.com')
    const title = `${SITES[site]}环境影响评价`
    const project = await draftProject(
      {
        title,
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: `编制${SITES[site]}环境影响报告表，并配合完成技术评审。`,
        // The deliverables the item's service guide lists, so that contracts match the guide.
        deliverables: DEMO_SERVICE_GUIDES['ZJ-001'].content.join('\n'),
        ceilingPriceFen,
        method,
        deadline,
        contactName: '王建国',
        contactPhone: '028-38100001',
        ...extra,
      },
      owner
    )
    await publishProject(project, owner)
    this.ids[site] = project.id
    for (const [n, quoteFen] of quotes) {
      await placeBid(project.id, { quoteFen }, await this.user(`agency${n}@demo.example.com`), {
        ip: `10.20.1.${n}`,
        userAgent: `demo-agency-${n}`,
      })
    }
  }

  /**
   * 直接选取: the owner names the agency for a small ZJ-001 job, the agency
   * accepts at the ceiling the next day, the tick takes the result through
   * publicity to a contract, and both sign it.
   */
  private async selectDirectly(site: Site, priceFen: number, agencyUser: User) {
    const deadline = new Date(clock.now().getTime() + 20 * DAY)
    await this.announce(site, 'direct', this.noonAt(deadline), priceFen, [], {
      directAgencyId: agencyUser.organizationId,
    })
    await this.travelTo(new Date(clock.now().getTime() + DAY))
    await acceptDirectSelection(await Project.findOrFail(this.ids[site]), priceFen, agencyUser)
    await this.untilContracted(site)
    await this.signBothSides(site, await this.user('owner@demo.example.com'))
  }

  /** Moves on day by day (the tick running) until the site's project has its contract. */
  private async untilContracted(site: Site) {
    while (!(await Contract.query().where('project_id', this.ids[site]).first())) {
      await this.travelTo(new Date(clock.now().getTime() + DAY))
    }
  }

  /** The owner pays the contract's first milestone with the test card; the events become fee records. */
  private async payFirstMilestone(site: Site, owner: User) {
    if (!this.payments) return
    const contract = await this.contractOf(site)
    const milestone = await Milestone.query()
      .where('contract_id', contract.id)
      .orderBy('position')
      .firstOrFail()
    const { payment } = await payMilestone(milestone, contract, owner)
    await confirmTestPayment(payment, 'pm_card_visa')
    await this.payments.settle(payment)
  }

  private async contractOf(site: Site) {
    return Contract.query().where('project_id', this.ids[site]).orderBy('id', 'desc').firstOrFail()
  }

  private async agencyOf(site: Site) {
    const contract = await this.contractOf(site)
    return contract.agencyOrganizationId
  }

  /**
   * Owner and winner sign the contract PDF with keys they hold (可靠电子签名),
   * each from their own office: the seeder plays each party's API client —
   * it makes the key, enrols it with the market CA and signs what the
   * signing request hands out. The keys are dropped when the seeder ends.
   */
  private async signBothSides(site: Site, owner: User) {
    const contract = await this.contractOf(site)
    const agencyUser = await User.query()
      .where('organization_id', contract.agencyOrganizationId)
      .orderBy('id', 'asc')
      .firstOrFail()
    for (const [signer, ip] of [
      [owner, '10.20.0.1'],
      [agencyUser, `10.20.2.${contract.agencyOrganizationId % 250}`],
    ] as const) {
      const current = await Contract.findOrFail(contract.id)
      const key = await this.signingKeyOf(signer, ip)
      const request = await contractSigningRequest(current, signer, {
        certificateSerial: key.serial,
      })
      const signature = await crypto.subtle.sign(
        DEMO_SIGNING,
        key.privateKey,
        Buffer.from(request.toBeSignedBase64, 'base64')
      )
      await signContractPdf(
        current,
        signer,
        {
          revision: request.revision,
          textSha256: request.textSha256,
          certificateSerial: request.certificateSerial,
          signatureBase64: Buffer.from(signature).toString('base64'),
        },
        { ip, userAgent: `demo-${signer.role}` }
      )
    }
  }

  private signingKeys = new Map<number, { privateKey: CryptoKey; serial: string }>()

  /** The user's signing key, made and enrolled the first time it is needed. */
  private async signingKeyOf(user: User, ip: string) {
    const known = this.signingKeys.get(user.id)
    if (known) return known
    x509.cryptoProvider.set(globalThis.crypto)
    const keys = (await crypto.subtle.generateKey(DEMO_SIGNING, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
    const request = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=demo signing key',
      keys,
      signingAlgorithm: DEMO_SIGNING,
    })
    const certificate = await enrolSigningKey(
      user,
      { csrPem: request.toString('pem'), password: DEMO_PASSWORD },
      { ip, scheme: 'api-client' }
    )
    const key = { privateKey: keys.privateKey, serial: certificate.serialNumber }
    this.signingKeys.set(user.id, key)
    return key
  }

  /** The winner submits a short text report as its deliverable. */
  private async deliver(site: Site, agencyUser: User, summary: string) {
    this.files ??= await mkdtemp(join(tmpdir(), 'demo-market-'))
    const path = join(this.files, `${site}.txt`)
    const text = `${SITES[site]}环境影响报告表\n\n一、建设项目基本情况\n二、环境现状调查与评价\n三、环境影响预测与评价\n四、环境保护措施及其可行性论证\n五、结论与建议\n`
    await writeFile(path, text)
    const file = new MultipartFile(
      { fieldName: 'files[]', clientName: `${SITES[site]}环境影响报告表.txt`, headers: {} },
      {}
    )
    file.tmpPath = path
    file.size = Buffer.byteLength(text)
    file.state = 'consumed'
    file.extname = 'txt'
    file.type = 'text'
    file.subtype = 'plain'
    file.meta = { detectedMime: 'text/plain', detectedExt: 'txt' }
    await submitDeliverable(await this.contractOf(site), { summary, files: [file] }, agencyUser)
  }
}

/** The Stripe the demo pays through, and the way its events reach the market. */
type DemoStripe = {
  /** Hands the payment's events to the market, as the webhook would. */
  settle(payment: Payment): Promise<void>
  close(): Promise<void>
}

/**
 * The configured Stripe-compatible server when there is one with the mock's
 * event list (tests, `node ace stripe:mock`), else the local mock started
 * here for the seeding alone; null with real Stripe keys.
 */
async function demoStripe(): Promise<DemoStripe | null> {
  if (app.inProduction || env.get('STRIPE_SECRET_KEY')) return null
  let close = async () => {}
  if (!stripeSettings().apiBase) {
    const mock = await startStripeMock({
      port: 0,
      webhookUrl: null,
      webhookSecret: localWebhookSecret(),
      stateFile: app.tmpPath('stripe-mock-state.json'),
      now: () => clock.now(),
    })
    useLocalStripeMock(mock.url)
    close = () => mock.close()
  }
  const eventsUrl = new URL('/_mock/events', stripeSettings().apiBase!)
  return {
    async settle(payment) {
      const answer = await fetch(eventsUrl)
      if (!answer.ok) return
      const { data } = (await answer.json()) as { data: Stripe.Event[] }
      for (const event of data) {
        const object = event.data.object as { id?: string; payment_intent?: string }
        if (object.id === payment.stripePaymentIntentId) await processStripeEvent(event)
        else if (object.payment_intent === payment.stripePaymentIntentId) {
          await processStripeEvent(event)
        }
      }
    },
    close,
  }
}
