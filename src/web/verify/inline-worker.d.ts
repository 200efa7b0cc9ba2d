/** Vite builds `…?worker&inline` into the importing bundle and gives a Worker constructor. */
declare module '*?worker&inline' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
