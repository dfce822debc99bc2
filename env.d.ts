// `process.env.NODE_ENV` is read with dot access so that every bundler replaces it (some match the
// dot form only); Node's types give it through an index signature, which strict settings refuse.
declare namespace NodeJS {
  interface ProcessEnv {
    readonly NODE_ENV?: string
  }
}
