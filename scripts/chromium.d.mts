/** Debian's Chromium, or CHROMIUM_PATH when set. */
export declare const chromiumPath: string;
/** The launch flags every browser run uses. */
export declare const chromiumArgs: readonly string[];
