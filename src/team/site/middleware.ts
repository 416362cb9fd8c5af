// The team site's pages go to the search index as the journal site's do (src/middleware.ts).
export { onRequest } from '../../middleware.ts';
