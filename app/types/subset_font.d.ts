/** subset-font ships no types: the one function the contract PDF uses. */
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2'; preserveNameIds?: number[] }
  ): Promise<Buffer>
}
