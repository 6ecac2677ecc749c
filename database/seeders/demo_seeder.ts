import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Organization from '#models/organization'
import { createServiceItem } from '#actions/catalog/publish_service_item'
import { registerAccount } from '#actions/accounts/register_account'
import { DEMO_SERVICE_ITEMS, serviceItemInput } from '#database/data/service_items'
import { CATALOG_OFFICE_NAME, DEMO_DEPARTMENTS } from '#database/data/departments'
import Department from '#models/department'
import User from '#models/user'
import { completeUscc } from '#domain/uscc'
import { addAffiliate } from '#actions/integrity/register'
import { declareAgency } from '#actions/integrity/declarations'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#database/data/demo_accounts'
import { DEMO_AGENCIES, type DemoAgency } from '#database/data/demo_agencies'
import { updateAgencyProfile } from '#actions/registry/agency_listing'
import { addQualification } from '#actions/registry/qualifications'
import { addPractitioner } from '#actions/registry/practitioners'

/**
 * Realistic demo content for a new installation. Runs only on an empty market
 * so that it never touches real data.
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    if (await Organization.query().first()) return

    for (const department of DEMO_DEPARTMENTS) {
      await Department.create(department)
    }
    const office = await Department.findByOrFail('name', CATALOG_OFFICE_NAME)
    for (const item of DEMO_SERVICE_ITEMS) {
      await createServiceItem({ ...serviceItemInput(item), changeReason: '首次发布' }, null)
    }

    for (const account of DEMO_ACCOUNTS) {
      // The demo regulator works at the catalog office.
      const { organization } = await registerAccount({
        ...account,
        password: DEMO_PASSWORD,
        departmentId: account.role === 'regulator' ? office.id : null,
      })
      const agency = DEMO_AGENCIES.find((candidate) => candidate.email === account.email)
      if (agency) await this.describeAgency(organization, agency)
    }

    // 红顶中介: the environment bureau's institute in the public register; no demo agency is tied to it.
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const bureau = await Department.findByOrFail('name', '市生态环境局')
    await addAffiliate(
      bureau,
      {
        uscc: completeUscc('12511400MB1E5501'),
        name: '眉山市环境科学研究所',
        relation: 'sponsors',
        reason: '市生态环境局所属事业单位（依据机构编制文件）',
      },
      regulator
    )
  }

  /** Through the same domain verbs an agency uses, so demo data obeys the same rules. */
  private async describeAgency(organization: Organization, agency: DemoAgency) {
    await updateAgencyProfile(
      organization,
      {
        items: agency.items,
        description: agency.description,
        region: organization.regionCode,
        commitments: agency.commitments,
      },
      null
    )
    for (const qualification of agency.qualifications) {
      await addQualification(
        organization,
        {
          ...qualification,
          validUntil: new Date(`${qualification.validUntil}T00:00:00Z`),
        },
        null
      )
    }
    for (const practitioner of agency.practitioners) {
      await addPractitioner(
        organization,
        {
          ...practitioner,
          qualificationValidUntil: practitioner.qualificationValidUntil
            ? new Date(`${practitioner.qualificationValidUntil}T00:00:00Z`)
            : null,
        },
        null
      )
    }
    // Each demo agency is a private enterprise whose manager holds it whole.
    const manager = agency.practitioners.find((person) => person.role === 'manager')
    await declareAgency(
      organization,
      {
        nature: 'enterprise',
        shareholders: manager
          ? [{ name: manager.name, idNumber: manager.idNumber, shareBp: 10_000 }]
          : [],
      },
      null
    )
  }
}
