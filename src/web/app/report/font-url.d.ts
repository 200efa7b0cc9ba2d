/** Vite copies a `…?url` import to the built assets and gives its address on this origin. */
declare module '*.woff?url' {
  const url: string;
  export default url;
}
