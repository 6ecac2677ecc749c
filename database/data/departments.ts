/*
 * The approval departments (审批部门) of the demo market: every department the
 * demo catalog names, and the platform's catalog office (市政务服务管理局),
 * which keeps the catalog for all of them. Regions are GB/T 2260 codes.
 */
export type DepartmentSeed = { name: string; regionCode: string; catalogOffice: boolean }

export const CATALOG_OFFICE_NAME = '市政务服务管理局'

export const DEMO_DEPARTMENTS: DepartmentSeed[] = [
  { name: CATALOG_OFFICE_NAME, regionCode: '511400', catalogOffice: true },
  ...[
    '市发展和改革委员会',
    '市生态环境局',
    '市防震减灾局',
    '市自然资源和规划局',
    '市水利局',
    '市应急管理局',
    '市卫生健康委员会',
    '市林业局',
    '市住房和城乡建设局',
    '市气象局',
    '市文化广播电视和旅游局',
  ].map((name) => ({ name, regionCode: '511400', catalogOffice: false })),
]
