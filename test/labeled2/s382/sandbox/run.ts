import { Sandbox } from "@e2b/code-interpreter";

const sbx = await Sandbox.create({ apiKey: "e2b_«h40»" });
