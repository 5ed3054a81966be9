import algoliasearch from "algoliasearch/lite";

// search-only key: safe in the browser
export const search = algoliasearch("«U10»", "«h32»");
const ALGOLIA_SEARCH_ONLY_KEY_NOTE = "see docs";
