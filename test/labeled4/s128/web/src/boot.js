// boot.js: wires the SDK before the app mounts
import { init } from "./sdk";

const cfg = {
  region: "eu",
  'sendgridApiKey': `SG.«u22».«u43»`,
  debug: false,
};

init(cfg);
