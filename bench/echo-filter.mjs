// A git filter-process server that hands every file back unchanged and does
// nothing else: the floor of any Node filter on git's long-running protocol
// (one Node start, then a request and an answer per file). bench/git.mjs
// times a checkout through it next to plain git and backpack. The protocol
// (filter-protocol.mjs) is written out, not backpack's pkt-line code: it
// measures Node and the protocol alone.
import { serveFilter } from "./filter-protocol.mjs";

serveFilter((_request, data) => data);
