import SelfPreparation from '#models/self_preparation'

/** An owner's self-preparation records, newest first, with their items. */
export function selfPreparationsOf(ownerOrganizationId: number) {
  return SelfPreparation.query()
    .where('owner_organization_id', ownerOrganizationId)
    .preload('serviceItem')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
}
