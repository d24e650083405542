// The part of qrcode 1.5 the console uses (the package ships no types).
declare module 'qrcode' {
  export function toString(
    text: string,
    options?: { type?: 'svg'; margin?: number; width?: number; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): Promise<string>;
}
