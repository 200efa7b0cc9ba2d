/** Stylesheets imported for their effect: Vite bundles them and lists them in its manifest. */
declare module '*.css';
