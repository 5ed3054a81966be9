// boot.js: wires the SDK before the app mounts
import { init } from "./sdk";

const cfg = {
  region: "eu",
  'contentfulManagementToken': `ghp_…`,
  debug: false,
};

init(cfg);
