/**
 * Types for the two tus-js-client modules the evidence locker imports directly. The package's
 * browser entry (`tus-js-client`) probes localStorage as soon as it is imported; the upload
 * class and the XHR transport themselves touch no storage, so only they are loaded (see
 * tus-upload.ts).
 */
declare module 'tus-js-client/lib/upload.js' {
  import type { HttpStack, Upload, UploadOptions } from 'tus-js-client';

  export default class BaseUpload {
    constructor(file: unknown, options: UploadOptions & { readonly protocol?: string });
    url: string | null;
    start(): void;
    abort(shouldTerminate?: boolean): Promise<void>;
    static terminate(url: string, options: UploadOptions): Promise<void>;
    /** The options every upload starts from (the browser entry merges them in for itself). */
    static defaultOptions: UploadOptions & { readonly protocol: string };
  }
  export type { HttpStack, Upload };
}

declare module 'tus-js-client/lib/browser/httpStack.js' {
  import type { HttpStack } from 'tus-js-client';

  export default class XHRHttpStack implements HttpStack {
    createRequest: HttpStack['createRequest'];
    getName(): string;
  }
}

declare module 'exifr/dist/lite.esm.mjs' {
  import exifr from 'exifr';

  export default exifr;
}
