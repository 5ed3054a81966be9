// boot.js: wires the SDK before the app mounts
import { init } from "./sdk";

const cfg = {
  region: "eu",
  'launchdarklySdkKey': `sk-proj-...`,
  debug: false,
};

init(cfg);
