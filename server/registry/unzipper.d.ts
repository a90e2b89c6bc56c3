// The part of unzipper 0.10 (exceljs's own zip reader) that readWorkbook.ts uses.
declare module 'unzipper' {
  import type { Duplex, PassThrough } from 'node:stream';
  interface Entry extends PassThrough {
    path: string;
    autodrain(): unknown;
  }
  function Parse(opts?: { forceStream?: boolean }): Duplex;
  const unzipper: { Parse: typeof Parse };
  export type { Entry };
  export default unzipper;
}
