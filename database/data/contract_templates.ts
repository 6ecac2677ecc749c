/*
 * The general model contract (通用示范文本) the platform starts with, after
 * the structure of the provincial model contracts for intermediary services:
 * parties, scope, price, payment, time limit, acceptance, obligations,
 * liability, disputes. Regulators publish item- or category-specific
 * versions from the console; every change is a new version with a reason.
 */
export const GENERAL_TEMPLATE = {
  key: 'general',
  title: '中介服务合同（通用示范文本）',
  body: `中介服务合同（通用示范文本）
合同编号：{{contractNumber}}

委托方（甲方）：{{ownerName}}
统一社会信用代码：{{ownerUscc}}
受托方（乙方）：{{agencyName}}
统一社会信用代码：{{agencyUscc}}

甲方通过网上中介服务超市以公开方式选取乙方（项目编号 {{projectCode}}，项目名称“{{projectTitle}}”），双方依据《中华人民共和国民法典》及有关规定，遵循平等、自愿、公平、诚信原则，订立本合同。

第一条 服务事项
乙方为甲方提供“{{serviceItem}}”中介服务。服务内容与成果要求：
{{deliverables}}

第二条 服务费用
本合同服务费用为人民币 {{price}}（乙方中选报价为 {{winningQuote}}），为完成本合同约定服务的全部费用。乙方不得以任何名义另行收取费用，不得分解收费或重复收费。

第三条 支付方式
甲方按以下节点通过平台支付服务费用：
{{milestones}}

第四条 服务时限
乙方应自本合同生效之日起 {{timeLimitWorkingDays}} 个工作日内完成服务并提交成果。甲方要求补正材料的期间不计入服务时限。

第五条 成果验收
{{acceptanceCriteria}}

第六条 双方权利义务
（一）甲方应及时提供开展服务所需的资料，对资料的真实性负责，并按约定支付费用。
（二）乙方应依法依规、独立客观公正地开展服务，对出具成果的真实性、合法性负责，不得出具虚假报告，不得转包。
（三）乙方应在平台上如实记录执业过程，接受甲方评价和监管部门监督。

第七条 违约责任
任何一方违反本合同约定，应承担继续履行、采取补救措施或者赔偿损失等违约责任。乙方超过服务时限未完成服务的，甲方可以要求其限期完成，并据实记入信用记录。

第八条 争议解决
{{disputeResolution}}

第九条 其他
本合同自双方在平台以电子签名方式签署之日起生效。依《中华人民共和国电子签名法》，可靠的电子签名与手写签名或者盖章具有同等的法律效力。合同文本以平台保存的版本为准。`,
}

/** Defaults the owner starts from; all editable before signing. */
export const DEFAULT_TERMS = {
  acceptanceCriteria:
    '乙方提交成果后，甲方应在 10 个工作日内组织验收；成果经审批部门审查通过即视为验收合格。验收不合格的，乙方应按意见补正，补正期间不另行收费。',
  disputeResolution:
    '因本合同引起的争议，双方协商解决；协商不成的，任何一方可向项目所在地人民法院提起诉讼。',
  milestoneTitle: '成果通过验收后支付全部费用',
}
