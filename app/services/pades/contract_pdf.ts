/*
 * The contract of record as a PDF: the same text that each party's hash
 * covers (renderContract in #domain/contract_template, one source), set in
 * Noto Sans SC, embedded as a subset (cut by HarfBuzz: pdf-lib's own
 * subsetter loses most of this font's glyphs) with a ToUnicode map so any PDF reader
 * and `pdftotext` read the Chinese back. The document information and an
 * XMP packet carry the contract id, revision and text SHA-256. The output
 * is deterministic: dates come from the record, the font subset has a fixed
 * name and the file identifier is derived from the text hash, so the same
 * revision always gives the same bytes (a verifier can re-render and compare).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import subsetFont from 'subset-font'
import {
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  rgb,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib'
import { formatYuan, textSha256 } from '#domain/contract_template'

/** What the PDF is made from: the record's text and the facts it names. */
export type ContractOfRecord = {
  contractId: number
  contractNumber: string
  revision: number
  /** The rendered contract text (renderContract), exactly as signed. */
  text: string
  /** SHA-256 of `text` (hex); checked against the text when rendering. */
  textSha256: string
  ownerName: string
  ownerUscc: string
  agencyName: string
  agencyUscc: string
  priceFen: number
  timeLimitWorkingDays: number
  /** When this revision was made (from the record, never "now"). */
  revisedAt: Date
}

/** The keys this market writes into the document information dictionary. */
export const INFO_KEYS = {
  contractId: 'MarketContractId',
  revision: 'MarketContractRevision',
  textSha256: 'MarketTextSha256',
} as const

const require = createRequire(import.meta.url)
const FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'
let fontBytes: Promise<Buffer> | null = null
function font() {
  fontBytes ??= readFile(require.resolve(FONT_FILE))
  return fontBytes
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 } // A4, 2 cm margins
const BODY_SIZE = 10.5
const LINE = 17

/** Lines no wider than `width`, breaking anywhere (Chinese has no spaces to break at). */
export function wrapText(text: string, measure: (s: string) => number, width: number) {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const character of paragraph) {
      if (line && measure(line + character) > width) {
        lines.push(line)
        line = ''
      }
      line += character
    }
    lines.push(line)
  }
  return lines
}

function pdfDate(date: Date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

function xmpPacket(record: ContractOfRecord) {
  const escape = (value: string) =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const when = record.revisedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:market="urn:intermediary-market:contract:1">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escape(`合同 ${record.contractNumber}`)}</rdf:li></rdf:Alt></dc:title>
<xmp:CreateDate>${when}</xmp:CreateDate>
<xmp:ModifyDate>${when}</xmp:ModifyDate>
<pdf:Producer>intermediary-market</pdf:Producer>
<market:contractId>${record.contractId}</market:contractId>
<market:contractNumber>${escape(record.contractNumber)}</market:contractNumber>
<market:revision>${record.revision}</market:revision>
<market:textSha256>${record.textSha256}</market:textSha256>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`
}

/** The contract of record as PDF bytes (same record → same bytes). */
export async function renderContractPdf(record: ContractOfRecord): Promise<Uint8Array> {
  if (textSha256(record.text) !== record.textSha256) {
    throw new Error('The contract text does not match its recorded SHA-256')
  }
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(fontkit)

  const title = `合同 ${record.contractNumber}`
  doc.setTitle(title)
  doc.setSubject(`第 ${record.revision} 版 · 文本 SHA-256 ${record.textSha256}`)
  doc.setProducer('intermediary-market')
  doc.setCreator('intermediary-market')
  doc.setCreationDate(record.revisedAt)
  doc.setModificationDate(record.revisedAt)
  doc.setLanguage('zh-CN')
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict)
  info.set(PDFName.of(INFO_KEYS.contractId), PDFString.of(String(record.contractId)))
  info.set(PDFName.of(INFO_KEYS.revision), PDFString.of(String(record.revision)))
  info.set(PDFName.of(INFO_KEYS.textSha256), PDFString.of(record.textSha256))

  const metadata = doc.context.stream(Buffer.from(xmpPacket(record), 'utf8'), {
    Type: 'Metadata',
    Subtype: 'XML',
  })
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata))
  const id = PDFHexString.of(
    createHash('sha256')
      .update(
        `${record.contractId}/${record.revision}/${record.textSha256}/${pdfDate(record.revisedAt)}`
      )
      .digest('hex')
      .slice(0, 32)
  )
  doc.context.trailerInfo.ID = doc.context.obj([id, id])

  const summary = [
    `合同编号：${record.contractNumber}`,
    `甲方（业主）：${record.ownerName}（统一社会信用代码 ${record.ownerUscc}）`,
    `乙方（中介机构）：${record.agencyName}（统一社会信用代码 ${record.agencyUscc}）`,
    `合同价款：${formatYuan(record.priceFen)}（${record.priceFen} 分）`,
    `服务期限：${record.timeLimitWorkingDays} 个工作日`,
    `合同文本版本：第 ${record.revision} 版`,
    `文本 SHA-256：${record.textSha256}`,
    '',
  ].join('\n')
  const footer = (page: number) =>
    `${record.contractNumber} · 第 ${record.revision} 版 · 第 ${page} 页 · SHA-256 ${record.textSha256.slice(0, 16)}…`

  // Every character the pages can show (page numbers included), cut out of the font.
  const characters = new Set(`${title}${summary}${record.text}${footer(0)}0123456789…`)
  const subset = await subsetFont(await font(), [...characters].sort().join(''), {
    targetFormat: 'truetype',
  })
  // No `locl`: in a run that starts with Latin letters it swaps the digits for glyphs whose
  // widths pdf-lib writes wrong (the digits then stand a full em apart).
  const regular = await doc.embedFont(subset, {
    subset: false,
    customName: 'MKTSUB+NotoSansSC',
    features: { locl: false },
  })

  const width = PAGE.width - 2 * PAGE.margin
  const measure = (fontUsed: PDFFont, size: number) => (s: string) =>
    fontUsed.widthOfTextAtSize(s, size)
  const lines = [
    ...wrapText(summary, measure(regular, BODY_SIZE), width),
    ...wrapText(record.text.trimEnd(), measure(regular, BODY_SIZE), width),
  ]

  let page: PDFPage | null = null
  let y = 0
  let pageNumber = 0
  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height])
    pageNumber += 1
    page.drawText(footer(pageNumber), {
      x: PAGE.margin,
      y: PAGE.margin / 2,
      size: 8,
      font: regular,
      color: rgb(0.35, 0.35, 0.35),
    })
    y = PAGE.height - PAGE.margin
    if (pageNumber === 1) {
      page.drawText(title, { x: PAGE.margin, y: y - 16, size: 16, font: regular })
      y -= 40
    }
  }
  newPage()
  for (const line of lines) {
    if (y - LINE < PAGE.margin) newPage()
    y -= LINE
    if (line) page!.drawText(line, { x: PAGE.margin, y, size: BODY_SIZE, font: regular })
  }
  // Classic cross-reference table, no object streams: incremental signature
  // updates append their own table after it.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false })
}
