/**
 * The slice of dcmjs (which ships no type declarations) that the dose-report adapter uses.
 * Naturalized datasets are loosely shaped records: read them through `sr-content.ts`, which
 * checks every value it takes out.
 */
declare module 'dcmjs' {
  export type NaturalizedDataset = Record<string, unknown>;
  export type DenaturalizedDataset = Record<string, unknown>;

  export class DicomDict {
    constructor(meta: DenaturalizedDataset);
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }

  export const data: {
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict;
    };
    DicomMetaDictionary: {
      naturalizeDataset(dataset: DenaturalizedDataset): NaturalizedDataset;
      denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
    };
    DicomDict: typeof DicomDict;
  };
}
