/*
 * Administrative divisions (GB/T 2260) offered when an organisation registers:
 * every province-level division — 对外省机构不设门槛, agencies from anywhere are
 * equal — and the prefecture-level cities of Sichuan, the seeds' province.
 */
export type Region = { code: string; name: string; nameEn: string }

export const REGIONS: readonly Region[] = [
  { code: '110000', name: '北京市', nameEn: 'Beijing' },
  { code: '120000', name: '天津市', nameEn: 'Tianjin' },
  { code: '130000', name: '河北省', nameEn: 'Hebei' },
  { code: '140000', name: '山西省', nameEn: 'Shanxi' },
  { code: '150000', name: '内蒙古自治区', nameEn: 'Inner Mongolia' },
  { code: '210000', name: '辽宁省', nameEn: 'Liaoning' },
  { code: '220000', name: '吉林省', nameEn: 'Jilin' },
  { code: '230000', name: '黑龙江省', nameEn: 'Heilongjiang' },
  { code: '310000', name: '上海市', nameEn: 'Shanghai' },
  { code: '320000', name: '江苏省', nameEn: 'Jiangsu' },
  { code: '330000', name: '浙江省', nameEn: 'Zhejiang' },
  { code: '340000', name: '安徽省', nameEn: 'Anhui' },
  { code: '350000', name: '福建省', nameEn: 'Fujian' },
  { code: '360000', name: '江西省', nameEn: 'Jiangxi' },
  { code: '370000', name: '山东省', nameEn: 'Shandong' },
  { code: '410000', name: '河南省', nameEn: 'Henan' },
  { code: '420000', name: '湖北省', nameEn: 'Hubei' },
  { code: '430000', name: '湖南省', nameEn: 'Hunan' },
  { code: '440000', name: '广东省', nameEn: 'Guangdong' },
  { code: '450000', name: '广西壮族自治区', nameEn: 'Guangxi' },
  { code: '460000', name: '海南省', nameEn: 'Hainan' },
  { code: '500000', name: '重庆市', nameEn: 'Chongqing' },
  { code: '510000', name: '四川省', nameEn: 'Sichuan' },
  { code: '510100', name: '四川省成都市', nameEn: 'Chengdu, Sichuan' },
  { code: '510300', name: '四川省自贡市', nameEn: 'Zigong, Sichuan' },
  { code: '510400', name: '四川省攀枝花市', nameEn: 'Panzhihua, Sichuan' },
  { code: '510500', name: '四川省泸州市', nameEn: 'Luzhou, Sichuan' },
  { code: '510600', name: '四川省德阳市', nameEn: 'Deyang, Sichuan' },
  { code: '510700', name: '四川省绵阳市', nameEn: 'Mianyang, Sichuan' },
  { code: '510800', name: '四川省广元市', nameEn: 'Guangyuan, Sichuan' },
  { code: '510900', name: '四川省遂宁市', nameEn: 'Suining, Sichuan' },
  { code: '511000', name: '四川省内江市', nameEn: 'Neijiang, Sichuan' },
  { code: '511100', name: '四川省乐山市', nameEn: 'Leshan, Sichuan' },
  { code: '511300', name: '四川省南充市', nameEn: 'Nanchong, Sichuan' },
  { code: '511400', name: '四川省眉山市', nameEn: 'Meishan, Sichuan' },
  { code: '511500', name: '四川省宜宾市', nameEn: 'Yibin, Sichuan' },
  { code: '511600', name: '四川省广安市', nameEn: "Guang'an, Sichuan" },
  { code: '511700', name: '四川省达州市', nameEn: 'Dazhou, Sichuan' },
  { code: '511800', name: '四川省雅安市', nameEn: "Ya'an, Sichuan" },
  { code: '511900', name: '四川省巴中市', nameEn: 'Bazhong, Sichuan' },
  { code: '512000', name: '四川省资阳市', nameEn: 'Ziyang, Sichuan' },
  { code: '513200', name: '四川省阿坝藏族羌族自治州', nameEn: 'Aba Prefecture, Sichuan' },
  { code: '513300', name: '四川省甘孜藏族自治州', nameEn: 'Garzê Prefecture, Sichuan' },
  { code: '513400', name: '四川省凉山彝族自治州', nameEn: 'Liangshan Prefecture, Sichuan' },
  { code: '520000', name: '贵州省', nameEn: 'Guizhou' },
  { code: '530000', name: '云南省', nameEn: 'Yunnan' },
  { code: '540000', name: '西藏自治区', nameEn: 'Tibet' },
  { code: '610000', name: '陕西省', nameEn: 'Shaanxi' },
  { code: '620000', name: '甘肃省', nameEn: 'Gansu' },
  { code: '630000', name: '青海省', nameEn: 'Qinghai' },
  { code: '640000', name: '宁夏回族自治区', nameEn: 'Ningxia' },
  { code: '650000', name: '新疆维吾尔自治区', nameEn: 'Xinjiang' },
]

export const REGION_CODES = REGIONS.map((region) => region.code)

export function regionName(code: string, locale: string): string {
  const region = REGIONS.find((candidate) => candidate.code === code)
  if (!region) return code
  return locale.startsWith('zh') ? region.name : region.nameEn
}
