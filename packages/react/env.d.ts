// What the library reads of `process` when checked without Node's types: bundlers replace
// `process.env.NODE_ENV`, so production builds drop the development-only warnings.
declare const process: { readonly env: { readonly NODE_ENV?: string } }
