/*
 * Demo organisations and their users: one owner, eight agencies (two from
 * another province, 对外省机构不设门槛; five offer environmental impact
 * assessment ZJ-001, so every selection method can be tried), one regulator and one platform admin.
 * USCCs are completed with real GB 32100 / GB 11714 check characters.
 */
import { completeUscc } from '#domain/uscc'
import type { Role } from '#domain/roles'

export const DEMO_PASSWORD = 'demo-market-2026'

export type DemoAccount = {
  role: Role
  orgName: string
  uscc: string
  region: string
  contactName: string
  phone: string
  email: string
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: 'owner',
    orgName: '眉山市东坡区城市建设投资有限公司',
    uscc: completeUscc('91511402MA62Q8L1'),
    region: '511400',
    contactName: '王建国',
    phone: '13800001001',
    email: 'owner@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '四川绿源环境科技有限公司',
    uscc: completeUscc('91511400MA6CX0N5'),
    region: '511400',
    contactName: '李秀英',
    phone: '13800002001',
    email: 'agency1@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '成都天府测绘工程有限公司',
    uscc: completeUscc('91510100MA61T3PB'),
    region: '510100',
    contactName: '张伟',
    phone: '13800002002',
    email: 'agency2@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '重庆长江安全技术评价有限公司',
    uscc: completeUscc('91500000MA5U7HJ2'),
    region: '500000',
    contactName: '刘洋',
    phone: '13800002003',
    email: 'agency3@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '四川蜀安地质工程勘察有限公司',
    uscc: completeUscc('91511100MA62K4DR'),
    region: '511100',
    contactName: '陈静',
    phone: '13800002004',
    email: 'agency4@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '四川清源环保工程咨询有限公司',
    uscc: completeUscc('91510100MA6DPK3W'),
    region: '510100',
    contactName: '周涛',
    phone: '13800002005',
    email: 'agency5@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '乐山嘉州环境评价有限公司',
    uscc: completeUscc('91511100MA64R7XH'),
    region: '511100',
    contactName: '黄丽',
    phone: '13800002006',
    email: 'agency6@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '眉山市节能技术服务有限公司',
    uscc: completeUscc('91511400MA6E8TQ4'),
    region: '511400',
    contactName: '郑磊',
    phone: '13800002007',
    email: 'agency7@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '重庆山城生态环境咨询有限公司',
    uscc: completeUscc('91500000MA5UHB2N'),
    region: '500000',
    contactName: '罗娟',
    phone: '13800002008',
    email: 'agency8@demo.example.com',
  },
  {
    role: 'regulator',
    orgName: '眉山市政务服务管理局',
    uscc: completeUscc('11511400MB1F2341'),
    region: '511400',
    contactName: '赵敏',
    phone: '028-38100001',
    email: 'regulator@demo.example.com',
  },
  {
    role: 'admin',
    orgName: '眉山市公共资源交易服务中心',
    uscc: completeUscc('12511400MB1A6672'),
    region: '511400',
    contactName: '孙磊',
    phone: '028-38100002',
    email: 'admin@demo.example.com',
  },
]
