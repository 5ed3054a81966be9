import mixpanel from "mixpanel-browser";
import { LDProvider } from "launchdarkly-react-client-sdk";

// Project tokens and client-side ids are public: they ship in the bundle.
mixpanel.init("«h32»");
export const ldClientSideId = "«h24»";
export const gaMeasurementId = "G-«U10»";
