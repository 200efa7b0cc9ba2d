/** Vite builds `…?worker&url` as a separate worker bundle and gives its address. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}
