// Side-effect style imports (Mantine's stylesheet, our global.css) are bundled by Vite.
declare module '*.css'
