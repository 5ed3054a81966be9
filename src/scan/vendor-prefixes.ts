/**
 * Vendors' tokens that the claimed families (src/scan/rules.ts, src/scan/prefixed-tokens.ts) do not
 * cover, as other scanners find them: a table of published prefixes, each with its body's alphabet
 * and length (one rule each), and two rules keyed on the name a value is assigned to (a vendor's name,
 * a secret's name with a token too long for the generic rule).
 *
 * Sources of the prefixes and shapes (facts re-expressed, no pattern copied whole):
 *   gitleaks config/gitleaks.toml (MIT) at b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b,
 *   Nosey Parker crates/noseyparker/data/default/builtin/rules (Apache-2.0) at 2e6e7f36ce36619852532bbe698d8cb7a26d2da7,
 *   secretlint's rule packages (MIT), Kingfisher data/rules (Apache-2.0) at ee7c0db3ef87575768f817820c24736249ffcdef
 *   (a development source since the ninth round of issue #15), and the vendors' own documentation.
 *
 * Examples are templates (test/helpers/fake-secrets.mjs): nothing token-shaped is written here.
 */
import { NOT_A_CREDENTIAL_KEY, SEARCH_ONLY_KEY_NAME, endsInCountingRun, hasRandomCaseMix, isBase64OfWords, isCodeFile, isEncryptedValue, isReference, isWordyIdentifier, looksLikePlaceholder, shannonEntropy } from "./heuristics.js";
import type { MatchGroups, PatternRule } from "./rule-types.js";

interface VendorToken {
  id: string;
  description: string;
  envName: string;
  /** The token, as a regular expression source (bounded quantifiers only). */
  token: string;
  /** Lowercase strings the token always contains (the prefilter). */
  keywords: readonly string[];
  /** Templates of tokens the rule finds (each is tested assigned, and alone on a line). */
  examples: readonly string[];
  /** Look-alikes it must pass: a near-miss of the shape, a placeholder after the prefix. */
  negatives: readonly string[];
  /** Bits per character the whole token reaches (default 3.0). */
  minEntropy?: number;
  /** True when the body must mix upper and lower case or digits as random base62 does (a prefix that is also a word's start). */
  mixed?: boolean;
  /** Patterns the random part must each match (`[A-Z]` and `[a-z]` for a base62 body that hex must not pass for). */
  body?: readonly RegExp[];
  /** A further check of the whole token, for shapes the checks above do not fit. */
  judge?: (secret: string) => boolean;
  /**
   * True when the token checks the character before it itself, after its first character
   * (`\d(?<![\w.+/~$-]\d)…`): the same test as the rule's leading lookbehind, but one that lets
   * the regex engine reject most positions on their first character (7x faster on source code).
   */
  guarded?: true;
}

const UUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;

/** The table: one entry per vendor's token shape, grouped by kind of service. */
export const VENDOR_TOKENS: readonly VendorToken[] = [
  // Password managers and identity.
  { id: "onepassword-secret-key", description: "1Password account Secret Key (A3-…)", envName: "OP_SECRET_KEY", token: String.raw`A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`, keywords: ["a3-"], examples: ["A3-«U6»-«U11»-«U5»-«U5»-«U5»", "A3-«U6»-«U6»-«U5»-«U5»-«U5»-«U5»"], negatives: ["A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX", "A3-«U6»-«U11»"] },
  { id: "onepassword-service-account-token", description: "1Password service account token (ops_eyJ…)", envName: "OP_SERVICE_ACCOUNT_TOKEN", token: String.raw`ops_eyJ[A-Za-z0-9+/_-]{250,2000}={0,3}`, keywords: ["ops_eyj"], examples: ["ops_eyJ«b300»", "ops_eyJ«A254»==", "ops_eyJ«u300»"], negatives: ["ops_eyJ«b40»", "ops_eyJ..."] },
  { id: "okta-api-token", description: "Okta API token in an SSWS authorization header (SSWS 00…)", envName: "OKTA_API_TOKEN", token: String.raw`(?<=SSWS[ \t]{1,4})00[A-Za-z0-9_-]{40}`, keywords: ["ssws"], examples: ["Authorization: SSWS 00«u40»"], negatives: ["Authorization: SSWS ${OKTA_API_TOKEN}", "Authorization: SSWS 00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"] },
  { id: "openshift-user-token", description: "OpenShift user token (sha256~…)", envName: "OPENSHIFT_TOKEN", token: String.raw`sha256~[A-Za-z0-9_-]{43}`, keywords: ["sha256~"], examples: ["sha256~«u43»"], negatives: ["sha256~«u20»", "sha256~..."] },
  // Cloud platforms.
  { id: "alibaba-access-key-id", description: "Alibaba Cloud AccessKey ID (LTAI…)", envName: "ALIBABA_CLOUD_ACCESS_KEY_ID", token: String.raw`LTAI[A-Za-z0-9]{12,20}`, keywords: ["ltai"], examples: ["LTAI«A20»", "LTAI«h20»"], negatives: ["LTAIxxxxxxxxxxxxxxxxxxxx", "LTAI«A8»"], mixed: true },
  { id: "cloudflare-api-token", description: "Cloudflare API token or key in the prefixed format (cfat_, cfut_, cfk_)", envName: "CLOUDFLARE_API_TOKEN", token: String.raw`cf(?:at|ut|k)_[A-Za-z0-9]{48}`, keywords: ["cfat_", "cfut_", "cfk_"], examples: ["cfat_«A48»", "cfut_«A48»", "cfk_«A48»"], negatives: ["cfat_tooshort", "cf_«A48»", "cfat_«A49»"] },
  // Origin CA keys in gitleaks' shape (24 and 146 hex digits) and in Kingfisher's (64, 128 and 64: the key an
  // `X-Auth-User-Service-Key` header carries).
  { id: "cloudflare-origin-ca-key", description: "Cloudflare Origin CA key (v1.0-…)", envName: "CLOUDFLARE_ORIGIN_CA_KEY", token: String.raw`v1\.0-(?:[0-9a-f]{24}-[0-9a-f]{146}|[0-9a-f]{64}-[0-9a-f]{128}-[0-9a-f]{64})`, keywords: ["v1.0-"], examples: ["v1.0-«h24»-«h146»", "v1.0-«h64»-«h128»-«h64»"], negatives: ["v1.0-«h24»", "version: v1.0-beta", "v1.0-«h64»-«h64»"] },
  { id: "azure-devops-pat", description: "Azure DevOps personal access token (…AZDO…)", envName: "AZURE_DEVOPS_PAT", token: String.raw`[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}`, keywords: ["azdo"], examples: ["«A76»AZDO«A4»"], negatives: ["AZDO«A4»", "«A40»AZDO«A4»"] },
  { id: "heroku-api-key-v2", description: "Heroku API key in the prefixed format (HRKU-AA…)", envName: "HEROKU_API_KEY", token: String.raw`HRKU-AA[A-Za-z0-9_-]{58}`, keywords: ["hrku-"], examples: ["HRKU-AA«u58»"], negatives: ["HRKU-AA«u20»", "HRKU-AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"] },
  { id: "scalingo-api-token", description: "Scalingo API token (tk-us-…)", envName: "SCALINGO_API_TOKEN", token: String.raw`tk-us-[A-Za-z0-9_-]{48}`, keywords: ["tk-us-"], examples: ["tk-us-«u48»"], negatives: ["tk-us-«u20»", "tk-us-..."] },
  { id: "yandex-cloud-token", description: "Yandex Cloud IAM token or API key (t1.…, AQVN…)", envName: "YC_TOKEN", token: String.raw`(?:t1\.[A-Za-z0-9_-]{10,200}={0,2}\.[A-Za-z0-9_-]{86}={0,2}|AQVN[A-Za-z0-9_-]{35,38})`, keywords: ["t1.", "aqvn"], examples: ["t1.«u40».«u86»", "AQVN«u36»"], negatives: ["t1.«u12»", "AQVN«u10»"] },
  { id: "clickhouse-cloud-key", description: "ClickHouse Cloud API secret key (4b1d…)", envName: "CLICKHOUSE_KEY_SECRET", token: String.raw`4b1d[A-Za-z0-9]{38}`, keywords: ["4b1d"], examples: ["4b1d«A38»"], negatives: ["4b1d«h38»", "4b1d«A20»"], body: [/[A-Z]/, /[a-z]/] },
  { id: "defined-networking-api-token", description: "Defined Networking (Nebula) API token (dnkey-…)", envName: "DN_API_KEY", token: String.raw`dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}`, keywords: ["dnkey-"], examples: ["dnkey-«a26»-«a52»"], negatives: ["dnkey-«a26»", "dnkey-..."] },
  // Developer tools, CI and observability.
  { id: "artifactory-token", description: "JFrog Artifactory API key or reference token (AKCp…, cmVmd…)", envName: "ARTIFACTORY_API_KEY", token: String.raw`(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})`, keywords: ["akcp", "cmvmd"], examples: ["AKCp«A69»", "cmVmd«A59»"], negatives: ["AKCp«A20»", "cmVmd«A20»"] },
  { id: "bitbucket-app-password", description: "Bitbucket app password (ATBB…)", envName: "BITBUCKET_APP_PASSWORD", token: String.raw`ATBB[A-Za-z0-9]{32}`, keywords: ["atbb"], examples: ["ATBB«A32»"], negatives: ["ATBB«A10»", "ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  { id: "circleci-token", description: "CircleCI personal API token (CCIPAT_…)", envName: "CIRCLECI_TOKEN", token: String.raw`CCIPAT_[A-Za-z0-9]{20,24}_[0-9a-f]{40}`, keywords: ["ccipat_"], examples: ["CCIPAT_«A22»_«h40»"], negatives: ["CCIPAT_«A22»", "CCIPAT_..."] },
  { id: "dynatrace-token", description: "Dynatrace API token (dt0c01.…)", envName: "DT_API_TOKEN", token: String.raw`dt0[a-z]\d{2}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}`, keywords: ["dt0"], examples: ["dt0c01.«U24».«U64»"], negatives: ["dt0c01.«U24»", "dt0c01.ABC"] },
  { id: "frameio-api-token", description: "Frame.io API token (fio-u-…)", envName: "FRAMEIO_TOKEN", token: String.raw`fio-u-[A-Za-z0-9_=-]{64}`, keywords: ["fio-u-"], examples: ["fio-u-«u64»"], negatives: ["fio-u-«u20»", "fio-u-..."] },
  { id: "harness-api-key", description: "Harness personal or service account token (pat.…, sat.…)", envName: "HARNESS_API_KEY", token: String.raw`(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}`, keywords: ["pat.", "sat."], examples: ["pat.«u22».«A24».«A20»"], negatives: ["pat.«u22»", "sat.example"] },
  { id: "infracost-api-token", description: "Infracost API key (ico-…)", envName: "INFRACOST_API_KEY", token: String.raw`ico-[A-Za-z0-9]{32}`, keywords: ["ico-"], examples: ["ico-«A32»"], negatives: ["ico-«A10»", "ico-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"] },
  { id: "intra42-client-secret", description: "42 Intra API client secret (s-s4t2ud-…, s-s4t2af-…)", envName: "INTRA42_CLIENT_SECRET", token: String.raw`s-s4t2(?:ud|af)-[0-9a-f]{64}`, keywords: ["s-s4t2"], examples: ["s-s4t2ud-«h64»", "s-s4t2af-«h64»"], negatives: ["s-s4t2ud-«h20»", "s-s4t2xx-«h64»"] },
  { id: "newrelic-pixie-key", description: "New Relic Pixie API or deploy key (px-api-…, px-dep-…)", envName: "PX_API_KEY", token: String.raw`px-(?:api|dep)-${UUID}`, keywords: ["px-api-", "px-dep-"], examples: ["px-api-«h8»-«h4»-«h4»-«h4»-«h12»", "px-dep-«h8»-«h4»-«h4»-«h4»-«h12»"], negatives: ["px-api-a1b2c3d4-e5f6-g7h8-i8j0-k0l3m3n4o0p5", "px-api-..."] },
  { id: "octopus-deploy-api-key", description: "Octopus Deploy API key (API-…)", envName: "OCTOPUS_API_KEY", token: String.raw`API-[A-Z0-9]{26}`, keywords: ["api-"], examples: ["API-«U26»"], negatives: ["API-KEY-HEADER-NAME-FOR-REQUESTS", "API-XXXXXXXXXXXXXXXXXXXXXXXXXX"], mixed: true },
  { id: "segment-api-token", description: "Segment public API token (sgp_ and 64 letters and digits)", envName: "SEGMENT_TOKEN", token: String.raw`sgp_[A-Za-z0-9]{64}`, keywords: ["sgp_"], examples: ["sgp_«A64»"], negatives: ["sgp_«A20»", "sgp_..."] },
  { id: "settlemint-token", description: "SettleMint access token (sm_aat_, sm_pat_, sm_sat_)", envName: "SETTLEMINT_ACCESS_TOKEN", token: String.raw`sm_(?:aat|pat|sat)_[A-Za-z0-9]{16}`, keywords: ["sm_aat_", "sm_pat_", "sm_sat_"], examples: ["sm_pat_«A16»"], negatives: ["sm_pat_«A6»", "sm_pat_xxxxxxxxxxxxxxxx"], mixed: true },
  { id: "stackhawk-api-key", description: "StackHawk API key (hawk.…)", envName: "HAWK_API_KEY", token: String.raw`hawk\.[A-Za-z0-9_-]{20}\.[A-Za-z0-9_-]{20}`, keywords: ["hawk."], examples: ["hawk.«u20».«u20»"], negatives: ["hawk.«u20»", "hawk.config.settings"] },
  { id: "teamcity-token", description: "TeamCity access token (eyJ0eXAiOiAiVENWMiJ9.…)", envName: "TEAMCITY_TOKEN", token: String.raw`eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{36}\.[A-Za-z0-9_-]{48}`, keywords: ["eyj0exaioiaivenwmij9"], examples: ["eyJ0eXAiOiAiVENWMiJ9.«u36».«u48»"], negatives: ["eyJ0eXAiOiAiVENWMiJ9.«u10»"] },
  { id: "salesforce-access-token", description: "Salesforce access or session token (00D…!…)", envName: "SALESFORCE_ACCESS_TOKEN", token: String.raw`00[A-Za-z0-9]{13}![A-Za-z0-9._]{96}`, keywords: ["!"], examples: ["00D«A12»!«A96»"], negatives: ["00D«A12»!", "00D«A12»!short"] },
  // AI services.
  { id: "elevenlabs-api-key", description: "ElevenLabs API key (sk_ and 48 hex digits)", envName: "ELEVENLABS_API_KEY", token: String.raw`sk_[0-9a-f]{48}`, keywords: ["sk_"], examples: ["sk_«h48»"], negatives: ["sk_«h20»", "sk_000000000000000000000000000000000000000000000000"] },
  { id: "cerebras-api-key", description: "Cerebras API key (csk-…)", envName: "CEREBRAS_API_KEY", token: String.raw`csk-[A-Za-z0-9]{40,56}`, keywords: ["csk-"], examples: ["csk-«a48»"], negatives: ["csk-«a10»", "csk-..."], mixed: true },
  { id: "fireworks-api-key", description: "Fireworks AI API key (fw_…)", envName: "FIREWORKS_API_KEY", token: String.raw`fw_[A-Za-z0-9]{24}`, keywords: ["fw_"], examples: ["fw_«A24»"], negatives: ["fw_«A10»", "fw_xxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  { id: "anyscale-api-key", description: "Anyscale API key (esecret_…)", envName: "ANYSCALE_API_KEY", token: String.raw`esecret_[A-Za-z0-9_-]{20,40}`, keywords: ["esecret_"], examples: ["esecret_«a26»"], negatives: ["esecret_«a6»", "esecret_..."], mixed: true },
  { id: "neon-api-key", description: "Neon API key (napi_…)", envName: "NEON_API_KEY", token: String.raw`napi_[A-Za-z0-9]{60,72}`, keywords: ["napi_"], examples: ["napi_«a64»"], negatives: ["napi_«a20»", "napi_..."], mixed: true },
  { id: "nvidia-api-key", description: "NVIDIA API key (nvapi-…, build.nvidia.com and NGC)", envName: "NVIDIA_API_KEY", token: String.raw`nvapi-[A-Za-z0-9_-]{64}`, keywords: ["nvapi-"], examples: ["nvapi-«u64»"], negatives: ["nvapi-«u20»", "nvapi-..."] },
  { id: "together-api-key", description: "Together AI API key (tgp_v1_…)", envName: "TOGETHER_API_KEY", token: String.raw`tgp_v1_[A-Za-z0-9_-]{40,64}`, keywords: ["tgp_v1_"], examples: ["tgp_v1_«u43»"], negatives: ["tgp_v1_«u10»", "tgp_v1_..."], mixed: true },
  { id: "langfuse-secret-key", description: "Langfuse secret key (sk-lf-UUID; pk-lf- public keys are public)", envName: "LANGFUSE_SECRET_KEY", token: String.raw`sk-lf-${UUID}`, keywords: ["sk-lf-"], examples: ["sk-lf-«h8»-«h4»-«h4»-«h4»-«h12»"], negatives: ["pk-lf-«h8»-«h4»-«h4»-«h4»-«h12»", "sk-lf-...", "sk-lf-«h8»"] },
  { id: "apify-api-token", description: "Apify API token (apify_api_…)", envName: "APIFY_TOKEN", token: String.raw`apify_api_[A-Za-z0-9]{36}`, keywords: ["apify_api_"], examples: ["apify_api_«A36»"], negatives: ["apify_api_«A10»", "apify_api_..."], mixed: true },
  // Commerce, payments and messaging.
  { id: "razorpay-key-id", description: "Razorpay API key id (rzp_live_…, rzp_test_…), half of a key pair", envName: "RAZORPAY_KEY_ID", token: String.raw`rzp_(?:live|test)_[A-Za-z0-9]{14}`, keywords: ["rzp_live_", "rzp_test_"], examples: ["rzp_live_«A9»4«A4»", "rzp_test_«A6»7«A7»"], negatives: ["rzp_live_«A6»", "rzp_test_xxxxxxxxxxxxxx"], mixed: true },
  { id: "paddle-api-key", description: "Paddle Billing API key (pdl_live_apikey_…, pdl_sdbx_apikey_…)", envName: "PADDLE_API_KEY", token: String.raw`pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}`, keywords: ["pdl_live_apikey_", "pdl_sdbx_apikey_"], examples: ["pdl_live_apikey_«a26»_«A22»_«A3»"], negatives: ["pdl_live_apikey_«a26»", "pdl_sdbx_apikey_..."] },
  { id: "checkout-secret-key", description: "Checkout.com secret key in the current format (sk_sbox_…; pk_ keys are public)", envName: "CHECKOUT_SECRET_KEY", token: String.raw`sk_sbox_[a-z0-9]{26,32}`, keywords: ["sk_sbox_"], examples: ["sk_sbox_«a27»"], negatives: ["pk_sbox_«a27»", "sk_sbox_«a10»"] },
  { id: "cloudinary-url", description: "Cloudinary URL with its API secret (cloudinary://KEY:SECRET@CLOUD)", envName: "CLOUDINARY_URL", token: String.raw`cloudinary://\d{6,20}:[A-Za-z0-9_-]{20,40}@[A-Za-z0-9_-]{1,64}`, keywords: ["cloudinary://"], examples: ["cloudinary://«d15»:«u27»@acme"], negatives: ["cloudinary://«d15»:<api_secret>@acme", "cloudinary://API_KEY:API_SECRET@CLOUD_NAME"], judge: (secret) => /\d/.test(secret.slice(secret.lastIndexOf(":") + 1)) || hasRandomCaseMix(secret.slice(secret.lastIndexOf(":") + 1, secret.lastIndexOf("@"))) },
  { id: "aiven-service-password", description: "Aiven service password (AVNS_…)", envName: "AIVEN_SERVICE_PASSWORD", token: String.raw`AVNS_[A-Za-z0-9_-]{19,24}`, keywords: ["avns_"], examples: ["AVNS_«u19»"], negatives: ["AVNS_«u8»", "AVNS_xxxxxxxxxxxxxxxxxxx"], mixed: true },
  { id: "shopify-token-alnum", description: "Shopify token whose body is not hex, as secretlint accepts it (shpat_, shpca_, shppa_, shpss_)", envName: "SHOPIFY_ACCESS_TOKEN", token: String.raw`shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,40}`, keywords: ["shpat_", "shpca_", "shppa_", "shpss_"], examples: ["shpat_«A32»", "shpca_«A38»"], negatives: ["shpssSSSSS_SSSS_sssss is not api key", "shpat_«A10»"], mixed: true },
  { id: "facebook-access-token", description: "Facebook (Meta) access token (EAAC…, EAAM…) or app token (APP_ID|APP_SECRET)", envName: "FACEBOOK_ACCESS_TOKEN", token: String.raw`(?:E(?<![\w.+/~$-]E)AA[CM][A-Za-z0-9]{100,500}|\d(?<![\w.+/~$-]\d)\d{14,15}(?:\||%7C)[A-Za-z0-9_-]{27,40})`, guarded: true, keywords: ["eaac", "eaam", "|", "%7c"], examples: ["EAAM«A150»", "«d16»|«A27»"], negatives: ["EAAM«A20»", "«d16»|short", "«d16»|customer_account_display_name"], judge: (secret) => {
    // An app token's secret after the id and `|` is random: a delimited record's next field (`…|customer_name`) is words.
    const secretPart = /(?:\||%7C)(.*)$/i.exec(secret)?.[1];
    return secretPart === undefined || (/\d/.test(secretPart) && /[A-Za-z]/.test(secretPart) && !isWordyIdentifier(secretPart.replace(/-/g, "_")));
  } },
  { id: "plaid-access-token", description: "Plaid access token (access-sandbox-…, access-production-…)", envName: "PLAID_ACCESS_TOKEN", token: String.raw`access-(?:sandbox|development|production)-${UUID}`, keywords: ["access-sandbox-", "access-development-", "access-production-"], examples: ["access-production-«h8»-«h4»-«h4»-«h4»-«h12»"], negatives: ["access-production-token", "access-sandbox-..."] },
  { id: "braintree-access-token", description: "Braintree (PayPal) access token (access_token$production$…)", envName: "BRAINTREE_ACCESS_TOKEN", token: String.raw`access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}`, keywords: ["access_token$"], examples: ["access_token$production$«a16»$«h32»"], negatives: ["access_token$production$", "access_token$sandbox$«a16»"] },
  { id: "resend-api-key", description: "Resend API key (re_…_…)", envName: "RESEND_API_KEY", token: String.raw`re_[A-Za-z0-9]{6,12}_[A-Za-z0-9]{16,32}`, keywords: ["re_"], examples: ["re_«A8»_«A24»"], negatives: ["re_«A8»", "re_render_template_function_name"], mixed: true },
  { id: "mailersend-api-token", description: "MailerSend API token (mlsn.…)", envName: "MAILERSEND_API_TOKEN", token: String.raw`mlsn\.[A-Za-z0-9]{60,80}`, keywords: ["mlsn."], examples: ["mlsn.«h64»"], negatives: ["mlsn.«h10»", "mlsn.example"] },
  { id: "maxmind-license-key", description: "MaxMind license key (…_mmk)", envName: "MAXMIND_LICENSE_KEY", token: String.raw`[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk`, keywords: ["_mmk"], examples: ["«A6»_«A29»_mmk"], negatives: ["«A6»_mmk", "xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_mmk"] },
  { id: "asana-pat", description: "Asana personal access token (1/…:…, 2/…/…:…)", envName: "ASANA_ACCESS_TOKEN", token: String.raw`[012]/\d{10,19}(?:/\d{10,19})?:[0-9a-f]{32}`, keywords: ["1/", "2/", "0/"], examples: ["2/«d16»/«d16»:«h32»", "1/«d16»:«h32»"], negatives: ["1/«d16»", "2/«d16»:«h10»"] },
  // Microsoft's identifiable keys: a fixed signature at a fixed place in the key (Azure Storage `+ASt`,
  // Cosmos DB `ACDb`, API Management `APIM`, Batch `+ABa`, Machine Learning `+AMC`; Service Bus, Event
  // Hubs, Relay, IoT, Cache for Redis, Event Grid; AI Search `AzSe`, Container Registry `+ACR`;
  // Functions `AzFu`; AI services `JQQJ9…`). After the signature: one character of a small range
  // (`[A-P]`, or `[AQgw]` before the padding) and five random ones (microsoft/security-utilities'
  // patterns, MIT, at 638ad20eb4d446319a31e9c0ed293d087b4ffa55); the range is not checked.
  { id: "azure-account-key", description: "Azure Storage, Cosmos DB, API Management, Batch or Machine Learning key (identifiable format: …+ASt…==, …ACDb…==, …APIM…==, …+ABa…==, …+AMC…==)", envName: "AZURE_STORAGE_KEY", token: String.raw`[A-Za-z0-9+/]{76}(?:\+ASt|ACDb|APIM|\+ABa|\+AMC)[A-Za-z0-9+/]{5,6}==`, keywords: ["+ast", "acdb", "apim", "+aba", "+amc"], examples: ["«b76»+ASt«b5»==", "«b76»ACDb«b5»==", "«b76»+ABa«b5»A==", "«b76»APIM«b5»w=="], negatives: ["«b40»+ASt«b5»==", "+ASt«b5»==", "«b76»+ABa«b5»"] },
  { id: "azure-sas-key", description: "Azure Service Bus, Event Hubs, Relay, IoT Hub, Cache for Redis or Event Grid key (identifiable format: …+ASb…=, …+AEh…=, …AIoT…=, …AzCa…=, …AZEG…=)", envName: "AZURE_SAS_KEY", token: String.raw`[A-Za-z0-9+/]{33}(?:\+A(?:Sb|Eh|Rm)|AIoT|AzCa|AZEG)[A-Za-z0-9+/]{5,6}=`, keywords: ["+asb", "+aeh", "+arm", "aiot", "azca", "azeg"], examples: ["«b33»+ASb«b5»=", "«A33»AzCa«A5»=", "«b33»+AEhB«b5»=", "«A33»AZEGK«A5»="], negatives: ["«b20»+ASb«b5»=", "AzCa«A5»=", "«A33»AZEG«A5»"] },
  { id: "azure-search-key", description: "Azure AI Search or Container Registry key (identifiable format: …AzSe…, …+ACR…)", envName: "AZURE_SEARCH_KEY", token: String.raw`[A-Za-z0-9+/]{42}(?:AzSe|\+ACR)[A-Za-z0-9+/]{6}`, keywords: ["azse", "+acr"], examples: ["«A42»AzSe«A6»"], negatives: ["«A20»AzSe«A6»", "AzSe«A6»"] },
  { id: "azure-function-key", description: "Azure Functions key (identifiable format: …AzFu…==)", envName: "AZURE_FUNCTION_KEY", token: String.raw`[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5,6}==`, keywords: ["azfu"], examples: ["«u44»AzFu«u5»==", "«u44»AzFu«u5»g=="], negatives: ["«u20»AzFu«u5»==", "AzFu«u5»=="] },
  { id: "azure-ai-services-key", description: "Azure AI services (OpenAI, Cognitive Services) key (identifiable format: …JQQJ9…)", envName: "AZURE_OPENAI_API_KEY", token: String.raw`[A-Za-z0-9]{52}JQQJ9[0-9A-Z][A-Za-z0-9]{26}`, keywords: ["jqqj9"], examples: ["«A52»JQQJ99«A26»"], negatives: ["«A20»JQQJ99«A26»", "JQQJ99«A26»"] },
  // More clouds, tools and services.
  { id: "airtable-pat", description: "Airtable personal access token (pat….…)", envName: "AIRTABLE_API_KEY", token: String.raw`pat[A-Za-z0-9]{14}\.[0-9a-f]{64}`, keywords: ["pat"], examples: ["pat«A14».«h64»"], negatives: ["pat«A14».«h20»", "pattern.«h64»"] },
  { id: "adobe-client-secret", description: "Adobe Developer Console client secret (p8e-…)", envName: "ADOBE_CLIENT_SECRET", token: String.raw`p8e-[A-Za-z0-9]{32}`, keywords: ["p8e-"], examples: ["p8e-«A32»", "p8e-«a32»"], negatives: ["p8e-«A10»", "p8e-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"] },
  { id: "dbt-cloud-token", description: "dbt Cloud service or personal access token (dbtc_…, dbtu_…)", envName: "DBT_CLOUD_API_KEY", token: String.raw`dbt[cu]_[A-Za-z0-9_-]{40,80}`, keywords: ["dbtc_", "dbtu_"], examples: ["dbtc_«u56»", "dbtu_«u48»"], negatives: ["dbtc_«u10»", "dbtc_..."], mixed: true },
  { id: "honeycomb-api-key", description: "Honeycomb ingest or management key in the prefixed format (hcaik_, hcxik_, hcamk_, hcxmk_)", envName: "HONEYCOMB_API_KEY", token: String.raw`hc[ax][im]k_[a-z0-9]{50,70}`, keywords: ["hcaik_", "hcxik_", "hcamk_", "hcxmk_"], examples: ["hcaik_«a58»", "hcxmk_«a58»"], negatives: ["hcaik_«a20»", "hcaik_..."] },
  { id: "zapier-webhook", description: "Zapier catch hook URL (hooks.zapier.com/hooks/catch/…/…): anyone who has it can trigger the Zap", envName: "ZAPIER_WEBHOOK_URL", token: String.raw`https://hooks\.zapier\.com/hooks/catch/\d{4,12}/[a-z0-9]{5,12}/?`, keywords: ["hooks.zapier.com"], examples: ["https://hooks.zapier.com/hooks/catch/«d7»/«a6»/", "https://hooks.zapier.com/hooks/catch/«d8»/«a7»"], negatives: ["https://hooks.zapier.com/hooks/catch/", "https://hooks.zapier.com/hooks/catch/123456/abcdef/"] },
  { id: "ifttt-webhook-key", description: "IFTTT Webhooks key in a maker.ifttt.com URL", envName: "IFTTT_WEBHOOK_KEY", token: String.raw`https://maker\.ifttt\.com/(?:trigger/[A-Za-z0-9_-]{1,100}/(?:json/)?with/key|use)/[A-Za-z0-9_-]{22}`, keywords: ["maker.ifttt.com"], examples: ["https://maker.ifttt.com/trigger/door_open/with/key/«u22»", "https://maker.ifttt.com/use/«u22»"], negatives: ["https://maker.ifttt.com/trigger/door_open/with/key/{your_key}", "https://maker.ifttt.com/use/xxxxxxxxxxxxxxxxxxxxxx"], judge: (secret) => hasRandomCaseMix(secret.slice(-22)) && /\d/.test(secret.slice(-22)) },
  { id: "azure-sas-token", description: "Azure shared access signature in a URL's query (sv=…&…&sig=…)", envName: "AZURE_SAS_TOKEN", guarded: true, token: String.raw`(?<=[?&])sv=\d{4}-\d\d-\d\d&[A-Za-z0-9&=%:._-]{0,300}?sig=[A-Za-z0-9%+/]{40,100}`, keywords: ["sig="], examples: ["https://acct.blob.core.windows.net/c?sv=2021-06-08&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&sig=«b43»%3D", "?sv=2022-11-02&sr=c&sp=r&sig=«b43»%3D"], negatives: ["?sv=2021-06-08&ss=b&sig=<signature>", "?sv=2021-06-08&ss=b&sig=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], judge: (secret) => {
    // The signature is base64 of an HMAC (URL-encoded): random, not a placeholder.
    const sig = decodeURIComponent(secret.slice(secret.lastIndexOf("sig=") + 4).replace(/%(?![0-9A-Fa-f]{2})/g, ""));
    return !looksLikePlaceholder(sig) && shannonEntropy(sig) >= 4.0;
  } },
  // Infura's API key is the project id in its endpoints' path (sonar-text's and other scanners' Infura rules).
  { id: "infura-api-key", description: "Infura API key in an endpoint URL (….infura.io/v3/…)", envName: "INFURA_API_KEY", token: String.raw`(?<=infura\.io\/(?:ws\/)?v3\/)[0-9a-f]{32}`, guarded: true, keywords: ["infura.io/"], examples: ["https://mainnet.infura.io/v3/«h32»", "wss://mainnet.infura.io/ws/v3/«h32»"], negatives: ["https://mainnet.infura.io/v3/YOUR-PROJECT-ID", "https://mainnet.infura.io/v3/00000000000000000000000000000000", "https://mainnet.infura.io/v3/${INFURA_API_KEY}"] },
  { id: "alchemy-api-key", description: "Alchemy API key in an endpoint URL (….g.alchemy.com/v2/…, ….alchemyapi.io/v2/…)", envName: "ALCHEMY_API_KEY", token: String.raw`(?<=(?:\.g\.alchemy\.com|\.alchemyapi\.io)\/v2\/)[A-Za-z0-9_-]{32}`, guarded: true, keywords: ["alchemy.com/v2/", "alchemyapi.io/v2/"], examples: ["https://eth-mainnet.g.alchemy.com/v2/«u32»", "https://eth-mainnet.alchemyapi.io/v2/«A12»_«A19»"], negatives: ["https://eth-mainnet.g.alchemy.com/v2/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "https://eth-mainnet.g.alchemy.com/v2/demo", "https://eth-mainnet.g.alchemy.com/v2/«u20»"] },
  { id: "tencent-cloud-secret-id", description: "Tencent Cloud SecretId (AKID…)", envName: "TENCENTCLOUD_SECRET_ID", token: String.raw`AKID[A-Za-z0-9]{32}`, keywords: ["akid"], examples: ["AKID«A32»"], negatives: ["AKID«A10»", "AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  { id: "scaleway-access-key", description: "Scaleway access key (SCW…)", envName: "SCW_ACCESS_KEY", token: String.raw`SCW[A-Z0-9]{17}`, keywords: ["scw"], examples: ["SCW«C4»«d5»«C4»«d4»"], negatives: ["SCWRAPPERCONFIGURATIONS", "SCWXXXXXXXXXXXXXXXXX"], mixed: true },
  { id: "hubspot-private-app-token", description: "HubSpot private app access token (pat-na1-…, pat-eu1-…)", envName: "HUBSPOT_ACCESS_TOKEN", token: String.raw`pat-(?:na|eu|ap)\d-${UUID}`, keywords: ["pat-na", "pat-eu", "pat-ap"], examples: ["pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»"], negatives: ["pat-na1-...", "pat-na1-«h8»"] },
  { id: "langsmith-legacy-api-key", description: "LangSmith API key in the legacy format (ls__…)", envName: "LANGCHAIN_API_KEY", token: String.raw`ls__[0-9a-f]{32}`, keywords: ["ls__"], examples: ["ls__«h32»"], negatives: ["ls__«h10»", "ls__00000000000000000000000000000000"] },
  { id: "rootly-api-key", description: "Rootly API key (rootly_…)", envName: "ROOTLY_API_TOKEN", token: String.raw`rootly_[0-9a-f]{64}`, keywords: ["rootly_"], examples: ["rootly_«h64»"], negatives: ["rootly_«h10»", "rootly_..."] },
  { id: "woocommerce-key", description: "WooCommerce REST API consumer key or secret (ck_…, cs_…)", envName: "WOOCOMMERCE_CONSUMER_SECRET", token: String.raw`c[ks]_[0-9a-f]{40}`, keywords: ["ck_", "cs_"], examples: ["ck_«h40»", "cs_«h40»"], negatives: ["ck_«h10»", "cs_0000000000000000000000000000000000000000"] },
  { id: "honeybadger-token", description: "Honeybadger personal auth token (hbp_…)", envName: "HONEYBADGER_PERSONAL_AUTH_TOKEN", token: String.raw`hbp_[A-Za-z0-9]{36}`, keywords: ["hbp_"], examples: ["hbp_«A36»"], negatives: ["hbp_«A10»", "hbp_..."], mixed: true },
  { id: "bitwarden-access-token", description: "Bitwarden Secrets Manager access token (0.UUID.…:…==)", envName: "BWS_ACCESS_TOKEN", token: String.raw`0\.${UUID}\.[A-Za-z0-9]{30}:[A-Za-z0-9+/]{22}==`, keywords: ["0."], examples: ["0.«h8»-«h4»-«h4»-«h4»-«h12».«A30»:«b22»=="], negatives: ["0.«h8»-«h4»-«h4»-«h4»-«h12»", "version 0.1.2"] },
  { id: "clickup-token", description: "ClickUp personal API token (pk_USERID_…)", envName: "CLICKUP_API_TOKEN", token: String.raw`pk_\d{6,10}_[A-Z0-9]{32}`, keywords: ["pk_"], examples: ["pk_«d8»_«U32»"], negatives: ["pk_«d8»_«U10»", "pk_«A32»"], mixed: true },
  { id: "intercom-access-token", description: "Intercom access token (dG9rOj…: base64 of tok:)", envName: "INTERCOM_ACCESS_TOKEN", token: String.raw`dG9rOj[A-Za-z0-9+/_-]{40,80}={0,2}`, keywords: ["dg9roj"], examples: ["dG9rOj«b54»="], negatives: ["dG9rOj«b10»", "dG9rOj..."], mixed: true },
  { id: "instagram-access-token", description: "Instagram Graph API access token (IGQV…)", envName: "INSTAGRAM_ACCESS_TOKEN", token: String.raw`IGQV[A-Za-z0-9_-]{100,300}`, keywords: ["igqv"], examples: ["IGQVJ«u150»"], negatives: ["IGQVJ«u20»", "IGQV..."] },
  { id: "pinterest-token", description: "Pinterest access token (pina_…)", envName: "PINTEREST_ACCESS_TOKEN", token: String.raw`pina_[A-Za-z0-9]{60,140}`, keywords: ["pina_"], examples: ["pina_«A96»"], negatives: ["pina_«A20»", "pina_..."], mixed: true },
  { id: "amazon-mws-token", description: "Amazon MWS auth token (amzn.mws.…)", envName: "MWS_AUTH_TOKEN", token: String.raw`amzn\.mws\.${UUID}`, keywords: ["amzn.mws."], examples: ["amzn.mws.«h8»-«h4»-«h4»-«h4»-«h12»"], negatives: ["amzn.mws.«h8»", "amzn.mws.example"] },
  { id: "fauna-secret", description: "Fauna database secret (fnA…, fnE…)", envName: "FAUNA_SECRET", token: String.raw`fn[AE][A-Za-z0-9_-]{37}`, keywords: ["fna", "fne"], examples: ["fnA«A37»"], negatives: ["fnApplyTheTransformationToEveryElement", "fnA«A10»"], mixed: true, minEntropy: 4.0 },
  { id: "posthog-personal-api-key", description: "PostHog personal API key (phx_…; phc_ project keys are public)", envName: "POSTHOG_PERSONAL_API_KEY", token: String.raw`phx_[A-Za-z0-9]{43}`, keywords: ["phx_"], examples: ["phx_«A43»"], negatives: ["phx_«A10»", "phc_«A43»"], mixed: true },
  { id: "statsig-server-secret", description: "Statsig server secret key (secret-…)", envName: "STATSIG_SERVER_SECRET", token: String.raw`secret-[A-Za-z0-9]{43}`, keywords: ["secret-"], examples: ["secret-«A43»"], negatives: ["secret-«A10»", "secret-volume-mount-for-the-application-pod"], mixed: true, minEntropy: 4.0 },
  { id: "firebase-cloud-messaging-key", description: "Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)", envName: "FCM_SERVER_KEY", token: String.raw`AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}`, keywords: ["apa91b"], examples: ["AAAA«u7»:APA91b«u134»"], negatives: ["AAAA«u7»:APA91b«u20»", "APA91b«u134»"] },
  { id: "onesignal-api-key", description: "OneSignal REST API key (os_v2_app_…, os_v2_org_…)", envName: "ONESIGNAL_REST_API_KEY", token: String.raw`os_v2_(?:app|org)_[a-z0-9]{50,120}`, keywords: ["os_v2_"], examples: ["os_v2_app_«a100»"], negatives: ["os_v2_app_«a10»", "os_v2_app_..."] },
  { id: "akamai-edgegrid-token", description: "Akamai EdgeGrid client or access token (akab-…-…)", envName: "AKAMAI_CLIENT_TOKEN", token: String.raw`akab-[A-Za-z0-9]{16}-[A-Za-z0-9]{16}`, keywords: ["akab-"], examples: ["akab-«A16»-«A16»"], negatives: ["akab-«A16»", "akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx"], mixed: true },
  { id: "ionic-token", description: "Ionic (Appflow) personal access token (ion_…)", envName: "IONIC_TOKEN", token: String.raw`ion_[A-Za-z0-9]{42}`, keywords: ["ion_"], examples: ["ion_«A42»"], negatives: ["ion_«A10»", "ion_configuration_for_the_application_build"], mixed: true },
  { id: "heartland-api-key", description: "Heartland (Global Payments) secret API key (skapi_cert_…, skapi_prod_…)", envName: "HEARTLAND_SECRET_API_KEY", token: String.raw`skapi_(?:cert|prod)_[A-Za-z0-9]{32,48}`, keywords: ["skapi_"], examples: ["skapi_cert_«A42»"], negatives: ["skapi_cert_«A10»", "skapi_cert_..."], mixed: true },
  { id: "linear-oauth-token", description: "Linear OAuth access token (lin_oauth_…)", envName: "LINEAR_OAUTH_TOKEN", token: String.raw`lin_oauth_[A-Za-z0-9]{64}`, keywords: ["lin_oauth_"], examples: ["lin_oauth_«h64»", "lin_oauth_«A64»"], negatives: ["lin_oauth_«h20»", "lin_oauth_..."] },
  { id: "telnyx-api-key", description: "Telnyx API key (KEY…_…)", envName: "TELNYX_API_KEY", token: String.raw`KEY[0-9A-F]{32}_[A-Za-z0-9]{22}`, keywords: ["key"], examples: ["KEY«H32»_«A22»"], negatives: ["KEY«H32»", "KEY_NAME_FOR_THE_SETTINGS_PAGE"] },
  // AI, data and developer platforms an agent's developer holds keys of (issue #15, seventh round: the vendors'
  // published shapes, as their documentation and SDKs write them).
  { id: "deepseek-api-key", description: "DeepSeek or Alibaba DashScope (Qwen) API key (sk- and 32 hex digits)", envName: "DEEPSEEK_API_KEY", token: String.raw`sk-[0-9a-f]{32}`, keywords: ["sk-"], examples: ["sk-«h32»"], negatives: ["sk-«h20»", "sk-00000000000000000000000000000000", "sk-«h32»«h16»"] },
  { id: "voyage-api-key", description: "Voyage AI API key (pa-…)", envName: "VOYAGE_API_KEY", token: String.raw`pa-[A-Za-z0-9_-]{43}`, keywords: ["pa-"], examples: ["pa-«A43»"], negatives: ["pa-«A10»", "pa-the-quick-brown-fox-jumps-over-the-lazy-dog"], mixed: true },
  { id: "llamacloud-api-key", description: "LlamaCloud (LlamaParse) API key (llx-…)", envName: "LLAMA_CLOUD_API_KEY", token: String.raw`llx-[A-Za-z0-9_-]{40,64}`, keywords: ["llx-"], examples: ["llx-«A48»", "llx-«A4»_«A9»_«A5»-«A28»"], negatives: ["llx-«A10»", "llx-your-key-here", "llx-«A30»«d5»12345"], mixed: true },
  { id: "mem0-api-key", description: "Mem0 API key (m0-…)", envName: "MEM0_API_KEY", token: String.raw`m0-[A-Za-z0-9]{40}`, keywords: ["m0-"], examples: ["m0-«A40»"], negatives: ["m0-«A10»", "m0-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  // Kingfisher's and titus' rules (the fourteenth round of issue #15): Friendli's personal access token, Zuplo's API key.
  { id: "friendli-token", description: "Friendli Suite personal access token (flp_…)", envName: "FRIENDLI_TOKEN", token: String.raw`flp_[A-Za-z0-9]{46}`, keywords: ["flp_"], examples: ["flp_«A46»"], negatives: ["flp_«A20»", "flp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  { id: "zuplo-api-key", description: "Zuplo API key (zpka_…_…: 32 characters and an 8-digit hex checksum)", envName: "ZUPLO_API_KEY", token: String.raw`zpka_[a-z0-9]{32}_[0-9a-f]{8}`, keywords: ["zpka_"], examples: ["zpka_«h32»_«h8»", "zpka_«a32»_«h8»"], negatives: ["zpka_«h32»", "zpka_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxxxxxx"] },
  { id: "e2b-api-key", description: "E2B sandbox API key (e2b_…)", envName: "E2B_API_KEY", token: String.raw`e2b_[0-9a-f]{40}`, keywords: ["e2b_"], examples: ["e2b_«h40»"], negatives: ["e2b_«h10»", "e2b_0000000000000000000000000000000000000000"] },
  { id: "axiom-api-token", description: "Axiom API or personal token (xaat-…, xapt-…)", envName: "AXIOM_TOKEN", token: String.raw`xa[ap]t-${UUID}`, keywords: ["xaat-", "xapt-"], examples: ["xaat-«h8»-«h4»-«h4»-«h4»-«h12»", "xapt-«h8»-«h4»-«h4»-«h4»-«h12»"], negatives: ["xaat-«h8»", "xaat-00000000-0000-0000-0000-000000000000"] },
  { id: "deno-deploy-token", description: "Deno Deploy access token (ddp_…, ddw_…)", envName: "DENO_DEPLOY_TOKEN", token: String.raw`dd[pw]_[A-Za-z0-9]{36}`, keywords: ["ddp_", "ddw_"], examples: ["ddp_«A36»", "ddw_«A36»"], negatives: ["ddp_«A10»", "ddp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  { id: "inngest-signing-key", description: "Inngest signing key (signkey-prod-…, signkey-test-…)", envName: "INNGEST_SIGNING_KEY", token: String.raw`signkey-(?:prod|test|branch)-[0-9a-f]{64}`, keywords: ["signkey-"], examples: ["signkey-prod-«h64»", "signkey-test-«h64»"], negatives: ["signkey-prod-«h20»", "signkey-prod-..."] },
  { id: "trigger-dev-secret-key", description: "Trigger.dev secret key (tr_dev_…, tr_prod_…)", envName: "TRIGGER_SECRET_KEY", token: String.raw`tr_(?:dev|prod|stg|preview)_[A-Za-z0-9]{20,40}`, keywords: ["tr_dev_", "tr_prod_", "tr_stg_", "tr_preview_"], examples: ["tr_dev_«A20»", "tr_prod_«A24»"], negatives: ["tr_dev_«A8»", "tr_prod_configuration_values"], mixed: true },
  { id: "xata-api-key", description: "Xata API key (xau_…)", envName: "XATA_API_KEY", token: String.raw`xau_[A-Za-z0-9]{32,64}`, keywords: ["xau_"], examples: ["xau_«A36»"], negatives: ["xau_«A10»", "xau_..."], mixed: true },
  { id: "trello-token", description: "Trello API token (ATTA…)", envName: "TRELLO_TOKEN", token: String.raw`ATTA[0-9a-f]{64}[0-9A-F]{8}`, keywords: ["atta"], examples: ["ATTA«h64»«H8»"], negatives: ["ATTA«h20»«H8»", "ATTACHMENT_STORAGE_PATH"] },
  // Keys in a URL's path or query that call the endpoint by themselves (Azure Functions' function keys, Feishu's and Lark's bot webhooks).
  { id: "azure-function-url-key", description: "Azure Functions key in a function's URL (….azurewebsites.net/api/…?code=…)", envName: "AZURE_FUNCTION_KEY", guarded: true, token: String.raw`(?<=\.azurewebsites\.net\/api\/[A-Za-z0-9_/-]{1,100}\?(?:[A-Za-z0-9_=%.-]{1,100}&){0,4}code=)[A-Za-z0-9_-]{40,60}={0,2}`, keywords: ["azurewebsites.net"], examples: ["https://acme-fn.azurewebsites.net/api/HttpTrigger1?code=«u54»==", "https://acme-fn.azurewebsites.net/api/orders/sync?clientId=default&code=«u54»=="], negatives: ["https://acme-fn.azurewebsites.net/api/HttpTrigger1?code=<your-function-key>", "https://acme-fn.azurewebsites.net/api/HttpTrigger1?code=«u10»"], mixed: true },
  { id: "feishu-webhook", description: "Feishu or Lark bot webhook URL (open.feishu.cn/open-apis/bot/v2/hook/…): anyone who has it can post to the chat", envName: "FEISHU_WEBHOOK_URL", token: String.raw`https://open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/hook/${UUID}`, keywords: ["open-apis/bot/v2/hook/"], examples: ["https://open.feishu.cn/open-apis/bot/v2/hook/«h8»-«h4»-«h4»-«h4»-«h12»", "https://open.larksuite.com/open-apis/bot/v2/hook/«h8»-«h4»-«h4»-«h4»-«h12»"], negatives: ["https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "https://open.feishu.cn/open-apis/bot/v2/hook/"] },
  { id: "mattermost-webhook", description: "Mattermost incoming webhook URL (…mattermost…/hooks/ and its 26-character id): anyone who has it can post to the channel", envName: "MATTERMOST_WEBHOOK_URL", token: String.raw`(?<=mattermost[\w.-]{0,60}(?::\d{2,5})?\/hooks\/)[a-z0-9]{26}`, guarded: true, keywords: ["mattermost"], examples: ["https://chat-mattermost.company.io/hooks/«a26»", "https://mattermost.acme.io:8065/hooks/«a26»"], negatives: ["https://mattermost.acme.io/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx", "https://mattermost.acme.io/hooks/{hook_id}", "https://mattermost.acme.io/hooks/«a10»"] },
  // Set 9 as development (scan-set9dev-a): Make's (formerly Integromat's) custom webhook. The URL alone triggers the scenario: its
  // path is the secret (32 lowercase letters and digits as Make issues it; any random run there is read, URL-encoded or not).
  { id: "make-webhook", description: "Make (Integromat) custom webhook URL (hook.eu1.make.com/…): anyone who has it can trigger the scenario", envName: "MAKE_WEBHOOK_URL", token: String.raw`https://hook\.(?:[a-z]{2,4}\d{1,2}\.)?(?:make|integromat)\.com/[A-Za-z0-9_.~%-]{12,300}`, keywords: ["make.com/", "integromat.com/"], examples: ["https://hook.eu1.make.com/«a32»", "https://hook.us2.make.com/«a32»", "https://hook.integromat.com/«a32»", "https://hook.eu2.make.com/«A24»-«u16»"], negatives: ["https://hook.eu1.make.com/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "https://hook.eu1.make.com/your-webhook-id-here", "https://hook.eu1.make.com/<webhook-id>", "https://www.make.com/en/help/tools/webhooks"], judge: (secret) => { const tail = secret.slice(secret.lastIndexOf("/") + 1); return shannonEntropy(tail) >= 3.0 && !looksLikePlaceholder(tail) && (/\d/.test(tail) || hasRandomCaseMix(tail)) && !isWordyIdentifier(tail); } },
  // Google's OAuth refresh token (an `authorized_user` credentials file, gcloud's application default credentials): it mints access tokens until revoked.
  { id: "google-oauth-refresh-token", description: "Google OAuth refresh token (1//0…)", envName: "GOOGLE_REFRESH_TOKEN", token: String.raw`1//0[A-Za-z0-9_-]{40,250}`, keywords: ["1//0"], examples: ["1//0«u100»", "1//0«A60»"], negatives: ["1//0«u10»", "1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  // Ninth round of issue #15 (Kingfisher's rule examples; trufflehog's detectors publish the same shapes): Teamwork's
  // API tokens (CRM, Desk, Spaces), Ubidots' tokens, Pagar.me's API keys.
  { id: "teamwork-api-token", description: "Teamwork (CRM, Desk, Spaces) API token (tkn.v1_…=)", envName: "TEAMWORK_API_TOKEN", token: String.raw`tkn\.v1_[A-Za-z0-9]{71}=`, keywords: ["tkn.v1_"], examples: ["tkn.v1_«A71»="], negatives: ["tkn.v1_«A20»=", "tkn.v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx="], mixed: true },
  { id: "ubidots-token", description: "Ubidots API token (BBFF-…)", envName: "UBIDOTS_TOKEN", token: String.raw`BBFF-[A-Za-z0-9]{30}`, keywords: ["bbff-"], examples: ["BBFF-«A30»"], negatives: ["BBFF-«A12»", "BBFF-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], mixed: true },
  { id: "pagarme-api-key", description: "Pagar.me API key (ak_live_…, ak_test_…)", envName: "PAGARME_API_KEY", token: String.raw`ak_(?:live|test)_[A-Za-z0-9]{30}`, keywords: ["ak_live_", "ak_test_"], examples: ["ak_live_«A30»", "ak_test_«A30»"], negatives: ["ak_live_«A12»", "ak_live_your_api_key_goes_right_here"], mixed: true },
  // Alibaba Cloud's temporary (STS) AccessKey ID, as betterleaks finds it: an id like AWS's ASIA… that other scanners report with its secret.
  { id: "alibaba-sts-access-key-id", description: "Alibaba Cloud STS temporary AccessKey ID (STS.…)", envName: "ALIBABA_CLOUD_ACCESS_KEY_ID", token: String.raw`STS\.[A-Za-z0-9]{20,40}`, keywords: ["sts."], examples: ["STS.«A8»7«A12»", "STS.«A24»4«A3»"], negatives: ["STS.AssumeRoleWithWebIdentity", "STS.xxxxxxxxxxxxxxxxxxxxxxxx", "https://sts.aliyuncs.com/?Action=AssumeRole"], mixed: true, body: [/[A-Z]/, /[a-z]/] },
  // trufflehog's detectors' shapes (the trufflehog round of issue #15): a Tableau personal access token's secret
  // (22 base64 characters, `==:`, 32 letters and digits) and a New Relic mobile app token (…-NRMA).
  { id: "tableau-pat-secret", description: "Tableau personal access token secret (base64 of 16 bytes, ==:, 32 letters and digits)", envName: "TABLEAU_PAT_SECRET", token: String.raw`[A-Za-z0-9+/]{22}==:[A-Za-z0-9]{32}`, keywords: ["==:"], examples: ["«b22»==:«A32»"], negatives: ["AAAAAAAAAAAAAAAAAAAAAA==:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "«b22»==:«A20»", "«b20»==:«A32»"], body: [/[A-Z]/, /[a-z]/] },
  { id: "newrelic-mobile-app-token", description: "New Relic mobile app token (AA…-NRMA, eu01xx…-NRMA)", envName: "NEW_RELIC_MOBILE_APP_TOKEN", token: String.raw`(?:AA[0-9a-f]{40}|eu01xx[0-9a-f]{36})-NRMA`, keywords: ["-nrma"], examples: ["AA«h40»-NRMA", "eu01xx«h36»-NRMA"], negatives: ["AA«h20»-NRMA", "AA0000000000000000000000000000000000000000-NRMA"] },
];

/** A token's random part: its longest piece between separators (the prefix and markers are short). */
const randomPart = (token: string) => token.split(/[_.~$|:/!-]+/).reduce((a, b) => (b.length > a.length ? b : a), "");

/** One rule per table entry, as the prefixed-token rules are built (a token is a secret wherever it sits). */
const VENDOR_PREFIX_RULES: readonly PatternRule[] = VENDOR_TOKENS.map((t) => ({
  id: t.id,
  description: t.description,
  envName: t.envName,
  pattern: new RegExp(String.raw`${t.guarded ? "" : String.raw`(?<![\w.+/~$]|(?<!:)-)`}(?<secret>${t.token})(?![\w~+/-])`, "g"),
  keywords: t.keywords,
  minEntropy: t.minEntropy ?? 3.0,
  validate: (secret) => {
    const body = randomPart(secret);
    if (looksLikePlaceholder(secret) || looksLikePlaceholder(body) || /(.)\1{7}/.test(body) || endsInCountingRun(secret)) return false;
    // A prefix that also starts words (`API-`, `re_`, `fw_`): the body must be random, not a name.
    // (A random run may read as words by chance: only a body without digits is judged so.)
    if (t.mixed && (/\d/.test(body) ? false : isWordyIdentifier(body) || !hasRandomCaseMix(body))) return false;
    return (t.body === undefined || t.body.every((re) => re.test(body))) && (t.judge === undefined || t.judge(secret));
  },
  examples: {
    positive: t.examples.flatMap((e) => [`${t.envName}=${e}`, e]),
    negative: t.negatives,
  },
}));

// ---------------------------------------------------------------------------
// Names: a vendor's name, or a secret's name holding a token longer than the generic rule reads.

/**
 * Vendors whose credentials other scanners find by the name they are assigned to (gitleaks' keyword
 * rules, Nosey Parker's context rules): `CLOUDFLARE: "…"`, `sumo_access_id = "…"`, `jfrog.token`.
 * Words too common in other names (`linear`, `segment`, `checkout`, `render`, `box`) are left out; the
 * value must still look random (isTokenValue).
 */
const VENDOR_WORDS = [
  "adafruit", "adobe", "airtable", "algolia", "alibaba", "aliyun", "amplitude", "artifactory", "asana", "atlassian", "auth0",
  "beamer", "bintray", "bitbucket", "bitfinex", "bittrex", "binance", "braintree", "bugsnag", "calendly", "circleci",
  "clickhouse", "cloudflare", "cloudinary", "codeclimate", "codecov", "cohere", "coinbase", "coinmarketcap", "confluence",
  "confluent", "contentful", "datadog", "deepgram", "digitalocean", "docusign", "droneci", "dynatrace", "elevenlabs", "etherscan",
  "etsy", "facebook", "fastly", "finicity", "finnhub", "flickr", "freshbooks", "freshdesk", "gitter", "gocardless", "heroku",
  "honeybadger", "hubspot", "infura", "intercom", "jenkins", "jfrog", "jira", "kagi", "klaviyo", "kraken", "kucoin",
  "launchdarkly", "linode", "loggly", "looker", "mailersend", "mailgun", "mailjet", "mandrill", "mattermost", "meraki",
  "messagebird", "mistral", "mixpanel", "netlify", "newrelic", "new_relic", "nexmo", "nytimes", "okta", "onesignal", "pagerduty",
  "papertrail", "paypal", "paystack", "pinata", "plaid", "plivo", "postmark", "privateai", "pusher", "rapidapi", "razorpay",
  "rollbar", "saucelabs", "sendbird", "sentry", "shodan", "sparkpost", "squarespace", "sumo", "sumologic", "travis", "twitch",
  "twitter", "typeform", "virustotal", "vonage", "vultr", "yandex", "zendesk", "zoho",
  // More distinctive names of APIs other scanners key on (trufflehog's and Nosey Parker's detectors).
  "airbrake", "appveyor", "browserstack", "buildkite", "chargebee", "clearbit", "cloudsmith", "contentstack", "coveralls",
  "crowdin", "dnsimple", "dwolla", "easypost", "eventbrite", "fullstory", "getresponse", "giphy", "gitguardian", "hasura",
  "helpscout", "iterable", "lokalise", "mailerlite", "mapquest", "marketo", "mollie", "ngrok", "onfido", "openweathermap",
  "opsgenie", "pandadoc", "pipedrive", "pubnub", "pulumi", "rebrandly", "recurly", "ringcentral", "salesloft", "shippo",
  "signalwire", "smartsheet", "sonatype", "splunk", "stytch", "surveymonkey", "telnyx", "todoist", "trello", "unsplash",
  "uptimerobot", "wakatime", "webex", "wistia", "zapier", "zeplin",
  // AI and data services an agent's developer holds keys of (issue #15, sixth round).
  "aiven", "apify", "bitly", "blynk", "brevo", "deepseek", "diffbot", "gemini", "gitea", "groq", "hetzner", "ipinfo",
  "langfuse", "nvidia", "openrouter", "perplexity", "recaptcha", "upstash", "wandb",
  // Seventh round: AI, vector-database, hosting, observability, auth and chat services (their names as written in
  // their SDKs' settings), and trufflehog's detectors whose names are no English word.
  "agentops", "anyscale", "axiom", "baseten", "browserbase", "browserless", "cartesia", "chromadb", "clerk", "deepinfra",
  "deepl", "descope", "firecrawl", "gladia", "helicone", "heygen", "humanloop", "inngest", "kinde", "koyeb", "lancedb",
  "livekit", "liveblocks", "llamacloud", "llamaparse", "logfire", "logtail", "meilisearch", "milvus", "motherduck",
  "northflank", "novu", "nylas", "portkey", "promptlayer", "qdrant", "raygun", "runpod", "runwayml", "serpapi", "speechmatics",
  "stabilityai", "supertokens", "svix", "tavily", "tinybird", "togetherai", "triggerdev", "turbopuffer", "typesense",
  "voyageai", "weaviate", "workos", "xata", "zilliz",
  "ambee", "convertapi", "craftmypdf", "deepai", "formsite", "gengo", "gyazo", "holidayapi", "kylas", "miro",
  "neutrinoapi", "nightfall", "oanda", "paperform", "podio", "qase", "railwayapp", "rawg", "scalr", "scraperapi",
  "simplesat", "sirv", "sugester", "survicate", "testingbot", "unplugg", "upwave", "userflow", "voicegain", "vpnapi",
  "webscraper", "webscraping", "wepay", "whoxy", "wrike", "yelp", "zipapi",
  "abstract", "agora", "artsy", "atera", "audd", "besttime", "blitapp", "bulksms", "cexio", "chatfule", "checio", "closecrm",
  "cloudimage", "cloudplan", "clustdoc", "coda", "coinlib", "convier", "customerguru", "datagov", "demio", "deno", "dfuse",
  "documo", "duply", "easyinsight", "extractorapi", "findl", "flightapi", "flowflu", "fmfw", "fulcrum", "getgeoapi",
  "goodday", "guardianapi", "hereapi", "iexapis", "ipapi", "juro", "linemessaging", "luno", "metaapi", "parseur", "paymoapp",
  "percy", "planyo", "pollsapi", "postageapp", "prospectcrm", "refiner", "revampcrm", "rownd", "sanity", "semaphore",
  "sheety", "signable", "snowflake", "stockdata", "streak", "surveybot", "swell", "tableau", "teletype", "tines",
  "voodoosms", "vyte", "workstack",
];

/**
 * Vendors with a detector in other scanners (trufflehog, Kingfisher) whose names are English words or read as
 * one in code (`nimble`, `daily` for Daily.co, `harvest`, `segment`): not names for the assignment rules, whose
 * values in code they would name, but a vendor's name in prose, where a secret's word and a token-shaped value follow.
 */
const PROSE_VENDOR_WORDS = ["nimble", "daily", "karma", "raven", "toggl", "fixer", "dandelion", "nuget", "harvest", "segment", "copper", "square"];

/**
 * Names of APIs trufflehog has a detector for (pkg/detectors at the commit the external corpus's cases.json
 * records), less English words and names common in code (counted in this project's node_modules and the
 * machine's Python packages: `copper`, `harvest`, `nimble`, `segment`), and vendors whose keys named so are
 * public (PostHog's `phc_`, Supabase's anon key, Mapbox's `pk.`). Read as VENDOR_WORDS are (vendor-named-secret,
 * vendor-section-key, vendor-named-secret-in-prose), none of whose keywords is a name: as keywords, 450 more
 * names made the keyword search of every small file cost more than the rules.
 */
const API_WORDS = [
  "calendarific", "calorieninja", "campayn", "cannyio", "capsulecrm", "carboninterface", "caspio", "censys",
  "centralstationcrm", "chartmogul", "checklyhq", "cicero", "clarifai", "clicksend", "clickup", "cliengo", "clinchpad",
  "clockify", "clockwork", "cloudconvert", "cloudelements", "cloudmersive", "cloverly", "codacy", "codemagic",
  "codequiry", "coinapi", "coinlayer", "commercejs", "companyhub", "conversiontools", "convertkit", "countrylayer",
  "cryptocompare", "currencycloud", "currencyfreaks", "currencylayer", "currencyscoop", "customerio", "dailyco",
  "dareboost", "databox", "databricks", "detectify", "detectlanguage", "diggernaut", "disqus", "dnscheck", "docparser",
  "dotdigital", "dovico", "dronahq", "dynalist", "dyspatch", "ecostruxureit", "edamam", "edenai", "eightxeight",
  "elasticemail", "enablex", "ethplorer", "everhour", "exchangeratesapi", "exportsdk", "faceplusplus", "fastforex",
  "feedier", "fetchrss", "fibery", "finage", "financialmodelingprep", "fixerio", "flatio", "fleetbase", "flightlabs",
  "flightstats", "flutterwave", "formbucket", "formcraft", "formio", "foursquare", "frameio", "fxmarket", "geckoboard",
  "geoapify", "geocodify", "geocodio", "geoipifi", "getgist", "getsandbox", "glassnode", "gocanvas", "graphcms",
  "graphhopper", "groovehq", "gtmetrix", "gumroad", "happyscribe", "hashicorpvault", "hellosign", "helpcrunch",
  "hiveage", "honeycomb", "hybiscus", "hypertrack", "ibmcloud", "iconfinder", "iexcloud", "imagekit", "imagga",
  "insightly", "instabot", "instamojo", "interseller", "intrinio", "invoiceocean", "ipgeolocation", "ipinfodb",
  "ipquality", "ipstack", "jotform", "jumpcloud", "jupiterone", "kanbantool", "karmacrm", "keenio", "kickbox",
  "klipfolio", "knapsackpro", "languagelayer", "leadfeeder", "lemlist", "lemonsqueezy", "lendflow", "lessannoyingcrm",
  "linenotify", "linkpreview", "liveagent", "livestorm", "loadmill", "locationiq", "loginradius", "logzio", "loyverse",
  "lunchmoney", "madkudu", "magicbell", "mailboxlayer", "mailsac", "marketstack", "mavenlink", "meaningcloud",
  "mediastack", "meistertask", "mesibo", "metabase", "metrilo", "mindmeister", "mixmax", "monkeylearn", "moonclerk",
  "moosend", "moralis", "mrticktock", "myfreshworks", "nasdaqdatalink", "nethunt", "netsuite", "newsapi", "newscatcher",
  "nftport", "nicereply", "nozbeteams", "numverify", "nutritionix", "omnisend", "onelogin", "onepagecrm", "oopspam",
  "opencagedata", "openuv", "openweather", "optimizely", "owlbot", "packagecloud", "pandascore", "paralleldots",
  "partnerstack", "pastebin", "paydirt", "paymongo", "pdflayer", "pdfshift", "peopledatalabs", "pepipost", "pinecone",
  "pipedream", "pivotaltracker", "pixabay", "planetscale", "planviewleankit", "poloniex", "portainer", "positionstack",
  "powrbot", "prefect", "prodpad", "protocolsio", "proxycrawl", "purestake", "pushbullet", "qualaroo", "qubole",
  "reachmail", "reallysimplesystems", "rechargepayments", "rentman", "repairshopr", "replyio", "restpackhtmltopdfapi",
  "restpackscreenshotapi", "ritekit", "rocketreach", "rubygems", "runrunit", "salesblink", "salescookie", "salesflare",
  "salesmate", "satismeter", "scaleway", "scrapeowl", "scraperbox", "scrapestack", "scrapfly", "scrapingant",
  "screenshotlayer", "scrutinizerci", "securitytrails", "selectpdf", "serphouse", "serpstack", "sherpadesk", "shipday",
  "shotstack", "shutterstock", "signaturit", "signupgenius", "sigopt", "simfin", "simplynoted", "simvoly",
  "sinchmessage", "siteleaf", "skrappio", "skybiometry", "smartystreets", "smooch", "snipcart", "sourcegraph",
  "speechtextai", "spoonacular", "sportsmonk", "spotify", "sslmate", "statuscake", "statuspage", "statuspal",
  "stitchdata", "storecove", "stormboard", "stormglass", "storyblok", "storychief", "strava", "stripo", "supernotesapi",
  "surveyanyplace", "surveysparrow", "tallyfy", "tatumio", "taxjar", "teamgate", "teamworkcrm", "teamworkdesk",
  "teamworkspaces", "technicalanalysisapi", "tefter", "terraformcloud", "textmagic", "theoddsapi", "thinkific",
  "thousandeyes", "ticketmaster", "tickettailor", "tiingo", "timecamp", "timezoneapi", "tmetric", "toggltrack", "tokeet",
  "tomorrowio", "tomtom", "tradier", "transferwise", "travelpayouts", "travisci", "twelvedata", "tyntec", "typetalk",
  "ubidots", "unifyid", "upcdatabase", "uplead", "uploadcare", "urlscan", "userstack", "vagrantcloud", "vatlayer",
  "verimail", "veriphone", "versioneye", "viewneo", "visualcrossing", "vouchery", "walkscore", "weatherbit",
  "weatherstack", "webflow", "websitepulse", "worksnaps", "worldcoinindex", "worldweather", "youneedabudget", "yousign",
  "zendeskapi", "zenkitapi", "zenrows", "zenscrape", "zenserp", "zerobounce", "zerotier", "zipcodeapi", "zipcodebase",
  "zonkafeedback", "zulipchat",
  "abuseipdb", "abyssale", "accuweather", "adafruitio", "adobeio", "adzuna", "aeroworkflow", "airship", "airvisual",
  "alchemy", "alconost", "alegra", "aletheiaapi", "alienvault", "allsports", "amadeus", "anypoint", "apacta", "apideck",
  "apiflash", "apifonica", "apilayer", "apimatic", "apimetrics", "apitemplate", "apollo", "appcues", "appfollow",
  "appointedd", "appsynergy", "apptivo", "assemblyai", "autodesk", "autoklose", "aviationstack", "axonaut", "aylien",
  "ayrshare", "bannerbear", "baremetrics", "beebole", "besnappy", "betterstack", "billomat", "bitbar", "bitcoinaverage",
  "bitmex", "blazemeter", "blocknative", "bombbomb", "boostnote", "borgbase", "braintrust", "brandfetch", "browshot",
  "bscscan", "buddyns", "budibase", "bugherd", "bulbul", "buttercms", "caflou", "captaindata", "cashboard", "checkvist",
  "clickhelp", "clientary", "currentsapi", "dockerhub", "eagleeyenetworks", "endorlabs", "exchangerateapi", "flexport",
  "godaddy", "kontent", "langfuse", "larksuite", "lexigram", "mailmodo", "maxmind", "mockaroo", "myintervals",
  "octopusdeploy", "onedesk", "onfleet", "pagarme", "parsehub", "pganalyze", "photoroom", "requestfinance", "robinhood",
  "rootly", "saladcloud", "scrapingbee", "screenshotapi", "sendinblue", "shopify", "solarwinds", "sonarcloud",
  "spectralops", "swiftype", "uclassify", "voiceflow", "weightsandbiases", "zipbooks",
];

// The vendor's word, and what comes before it in the name (read behind, bounded): validate checks the
// word starts a word of the name (`CLOUDFLARE_KEY`, `myCloudflareKey`, `jfrog.token`, not `scumbag`).
// Anchored on the word (no lazy lead before it), so the work per position is bounded; longer words
// first, so `sumologic` is read whole rather than as `sumo`. The rest of the name is taken whole (a
// lookahead and a backreference: no backtracking into it on a long run of word characters).
/**
 * The words as one alternation factored by their common prefixes (`c(?:l(?:ockify|oudflare)|…)`): the
 * same matches, longer words first, but a position tries a letter at each step, not every word.
 */
function prefixTree(words: readonly string[]): string {
  interface Node { end: boolean; next: Map<string, Node> }
  const root: Node = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Node): string => {
    // Siblings start with different characters, so their order changes no match: code-unit order, not
    // localeCompare's (ICU's collation cost every process that loads the rules about 6 ms).
    const parts = [...node.next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([ch, child]) => ch.replace(/[^a-z0-9_]/g, (c) => `\\${c}`) + emit(child));
    if (parts.length === 0) return "";
    // A word ending here comes after its longer continuations (`sumologic` before `sumo`).
    if (node.end) parts.push("");
    return parts.length === 1 ? parts[0]! : `(?:${parts.join("|")})`;
  };
  return emit(root);
}

const ALL_VENDOR_WORDS = [...VENDOR_WORDS, ...API_WORDS];

/** The vendors' names as one alternation (prefixTree): what scripts/build.mjs writes into the bundle. */
export function vendorAlternation(): string {
  return prefixTree(ALL_VENDOR_WORDS);
}

declare const __BACKPACK_VENDOR_ALTERNATION__: string | undefined;

// Built once by scripts/build.mjs and carried by the bundle: factoring 650 names took every process that
// loads the rules (the pre-commit hook's included) about 10 ms. Read from the sources (the tests), it is built here.
const VENDOR_ALTERNATION = typeof __BACKPACK_VENDOR_ALTERNATION__ === "string" ? __BACKPACK_VENDOR_ALTERNATION__ : vendorAlternation();
// Every vendor's name (the API words too), as the prefix tree: a position tries a letter at each step, so
// 650 names cost the regex what 180 did as a flat alternation.
/** The vendor's name a value is assigned to: built when the rule's pattern is (the git parts build patterns on first use: scripts/lean-rules.mjs), not at every load. */
const vendorName = (): string => String.raw`(?<vendor>${VENDOR_ALTERNATION})(?<=(?<lead>[A-Za-z0-9_.-]{0,41}))(?=(?<rest>[A-Za-z0-9_.-]{0,40}))\k<rest>`;

// `=`, `:`, `:=`, `=>`, `?=`, or `", "` between a quoted name and its value (a call's arguments).
const NAME_ASSIGN = String.raw`["'\x60]?[ \t]{0,16}(?:=>|:=|\?=|=|:|["'\x60]?[ \t]{0,4},)[ \t]{0,16}(?<quote>["'\x60])?`;

// Names that say what else the value is: an address, a place, a label, a public identifier, a commit
// or build it refers to (SENTRY_RELEASE and HEROKU_SLUG_COMMIT hold a git commit's 40 hex digits).
const NOT_A_CREDENTIAL_NAME =
  /(?:release|commit|sha|sha1|sha256|revision|digest|checksum|url|uri|host|hostname|domain|region|site|endpoint|path|file|dir|name|user|username|login|email|mail|org|organization|account|project|version|env|environment|zone|channel|team|id|ids|client_?id|app_?id|public_?key|publishable_?key|site_?key|dsn|enabled|enable|disabled|timeout|port|level|mode|type|tags?|format|bucket|index|queue|topic|model|plan|tier|currency|locale|lang|language|theme|color|colour|width|height|size|count|limit|max|min)$/i;

/** The judgement of a token-shaped value: random, not a placeholder, a reference, an address or words. */
function isTokenValue(value: string, minLength: number): boolean {
  if (value.length < minLength || looksLikePlaceholder(value) || isReference(value) || isBase64OfWords(value.length % 4 === 0 ? value : `${value}${"=".repeat(4 - (value.length % 4))}`)) return false;
  if (/:\/\/|^[./~]/.test(value) || /^\d+(?:\.\d+)*$/.test(value)) return false;
  // Dots only between long random parts (a JWT-shaped token), not in a host name or a version.
  if (value.includes(".") && value.split(".").some((part) => part.length < 6)) return false;
  if (isWordyIdentifier(value.replace(/[-.]/g, "_")) || /(.)\1{7}/.test(value)) return false;
  // A command's options (`--from-literal=airflow-secret-key=SECRET_KEY`, after `secret-key ` in a kubectl line): words and `=`.
  if (value.startsWith("--") && isWordyIdentifier(value.replace(/[-.=]+/g, "_"))) return false;
  // A model's or a product's name (gemini-1.5-pro-002, meta/llama-3.1-405b-instruct, NVIDIA-A100-SXM4-80GB):
  // three parts or more, none long enough to be a token's random part (scp-live-«32 hex», FLWSECK-«32»-X),
  // one a word written as words are, of letters beyond hex's (a UUID's parts are hex).
  const parts = value.split(/[-./:]/);
  // The word may carry its version (`llama3-8b-8192`, Groq's model under GROQ_MODEL_PREF).
  if (parts.length >= 3 && parts.every((part) => part.length <= 12) && parts.some((part) => /^(?:[a-z]{4,}|[A-Z]{4,}|[A-Z][a-z]{3,})\d{0,2}$/.test(part) && /[g-z]/i.test(part))) return false;
  if (!/\d/.test(value) && !hasRandomCaseMix(value)) return false;
  if (!/[A-Za-z]/.test(value)) return false;
  // Hex (and a UUID's hex digits) carries 4 bits a character at most: 32 random digits average 3.66, and fall
  // under the floor below by chance, so hex of 20 digits and more passes at 3.0, as the generic rule has it.
  const hex = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.replace(/-/g, "") : value;
  if (/^(?:[0-9a-f]{20,}|[0-9A-F]{20,})$/.test(hex)) return shannonEntropy(hex) >= 3.0;
  const entropy = shannonEntropy(value);
  // n random characters carry up to log2(n) bits: the floor follows the length for short values.
  return entropy >= Math.min(3.5, Math.log2(value.length) - 0.8);
}

// An operator's last character, then (looked at, not taken: every operator is visited) 12 characters of a value.
const OPERATOR_BEFORE_VALUE = /[=:,>](?=[ \t]{0,16}["'\x60]?[A-Za-z0-9_+/=.~-]{12})/g;
/** A table of the ASCII characters in `chars`, by code: read per character, where a regular expression's `test` was a call each. */
function asciiTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}
const LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// What may stand between a name and its operator's last character in NAME_ASSIGN: quotes, blanks, `=`, `:`, `?`, `,`.
const BETWEEN_NAME_AND_OPERATOR = asciiTable("\"'\x60 \t=:?,");
const NAME_CHARACTER = asciiTable(`${LETTERS_AND_DIGITS}_.-`);
/** True when the character at `i` is in `table` (so ASCII). */
const isIn = (table: Uint8Array, text: string, i: number): boolean => table[text.charCodeAt(i)] === 1;
/**
 * How many names a gate remembers having read without a vendor's name: a text that repeats one
 * assignment (`token=token=…`) has its name read once, not at each operator.
 */
const NAMES_REMEMBERED = 1024;
/** The vendors' names by their first two characters (lowercase), and the longest's length: built on the gate's first use. */
let vendorIndex: { byStart: Map<string, string[]>; longest: number } | undefined;

function vendorsByStart(): { byStart: Map<string, string[]>; longest: number } {
  if (vendorIndex) return vendorIndex;
  const byStart = new Map<string, string[]>();
  let longest = 0;
  for (const word of ALL_VENDOR_WORDS) {
    const list = byStart.get(word.slice(0, 2));
    if (list) list.push(word);
    else byStart.set(word.slice(0, 2), [word]);
    longest = Math.max(longest, word.length);
  }
  return (vendorIndex = { byStart, longest });
}

/** True when a vendor's name is in `lower` (lowercase). */
function holdsVendorName(lower: string, byStart: Map<string, string[]>): boolean {
  for (let i = 0; i + 1 < lower.length; i++) {
    for (const word of byStart.get(lower.slice(i, i + 2)) ?? []) if (lower.startsWith(word, i)) return true;
  }
  return false;
}

/**
 * vendor-named-secret's gate: an operator followed by 12 characters of a value, with a vendor's name in
 * the name right before it. What the pattern asks, read backwards from each operator and loosely (any
 * quotes and blanks between the name and the operator, the name's last 40 characters and the longest
 * vendor's name): a superset of its matches (test/unit/scan-gate.test.ts), without compiling its ~800
 * names. Real source has operators and values on most lines, and vendors' names near few of them. Each
 * character is read for one operator at most (a name ends where the last operator's value began), so
 * the gate is linear in the text.
 */
const VENDOR_ASSIGNMENT_GATE = {
  test(text: string): boolean {
    const { byStart, longest } = vendorsByStart();
    const withoutVendor = new Set<string>();
    let lastName = "";
    let lastStart = -1;
    let lastEnd = -1;
    OPERATOR_BEFORE_VALUE.lastIndex = 0;
    for (let m = OPERATOR_BEFORE_VALUE.exec(text); m; m = OPERATOR_BEFORE_VALUE.exec(text)) {
      const [start, end] = nameBefore(text, m.index, longest);
      // `a:=` is two operators of one name: it is read once.
      if (start === end || (start === lastStart && end === lastEnd)) continue;
      lastStart = start;
      lastEnd = end;
      // The same name as the last one read (`token=token=…`): known already, without a copy.
      if (end - start === lastName.length && text.startsWith(lastName, start)) continue;
      lastName = text.slice(start, end);
      const name = lastName.toLowerCase();
      if (withoutVendor.has(name)) continue;
      if (holdsVendorName(name, byStart)) {
        OPERATOR_BEFORE_VALUE.lastIndex = 0;
        return true;
      }
      if (withoutVendor.size < NAMES_REMEMBERED) withoutVendor.add(name);
    }
    return false;
  },
  /**
   * Every operator `test` would stop at, in order: a match's vendor starts at most 24 + 40 + longest characters
   * before its operator's last character (NAME_ASSIGN's quote, blanks and operator before it, the name's last
   * 40 characters and the vendor's name, as `test` reads them). Source code has operators on most lines and
   * vendors' names in the names of few: the pattern's 800 names then run near those few, not over the text.
   */
  windows(text: string): { at: number[]; within: number } {
    const { byStart, longest } = vendorsByStart();
    const at: number[] = [];
    const verdicts = new Map<string, boolean>();
    let lastName = "";
    let lastStart = -1;
    let lastEnd = -1;
    let holds = false;
    OPERATOR_BEFORE_VALUE.lastIndex = 0;
    for (let m = OPERATOR_BEFORE_VALUE.exec(text); m; m = OPERATOR_BEFORE_VALUE.exec(text)) {
      const [start, end] = nameBefore(text, m.index, longest);
      if (start === end) continue;
      // The name just read (`a:=`), or one equal to it (`token=token=…`): its verdict stands, without a copy.
      const same = (start === lastStart && end === lastEnd) || (end - start === lastName.length && text.startsWith(lastName, start));
      lastStart = start;
      lastEnd = end;
      if (!same) {
        lastName = text.slice(start, end);
        const name = lastName.toLowerCase();
        const known = verdicts.get(name);
        holds = known ?? holdsVendorName(name, byStart);
        if (known === undefined && verdicts.size < NAMES_REMEMBERED) verdicts.set(name, holds);
      }
      if (holds) at.push(m.index);
    }
    return { at, within: 24 + 40 + longest };
  },
};

/**
 * A gate that holds where `text` has a run of `length` characters of `chars` (ASCII): what
 * `/(?:^|[^X])[X]{length}/` finds, without a regular expression's try at every character. A run is
 * looked for from its last character backwards: a character outside `chars` there moves the next try
 * past it, so each character is read at most twice (10 MB of source: 100 ms as a pattern, 5 as this).
 */
function runGate(chars: string, length: number): { test(text: string): boolean } {
  const table = asciiTable(chars);
  return {
    test(text: string): boolean {
      for (let from = 0; from + length <= text.length; ) {
        let at = from + length - 1;
        while (at >= from && isIn(table, text, at)) at--;
        if (at < from) return true;
        from = at + 1;
      }
      return false;
    },
  };
}

/**
 * The name before an operator's last character at `operator`, as [start, end): past at most 24 of what NAME_ASSIGN
 * holds before it (a quote, 16 blanks, an operator's first character, a quote and 4 blanks), then its last
 * 40 + `longest` name characters. Each character is read for one operator at most (a name ends where the last
 * operator's value began).
 */
function nameBefore(text: string, operator: number, longest: number): [number, number] {
  let end = operator;
  for (let skipped = 0; end > 0 && skipped < 24 && isIn(BETWEEN_NAME_AND_OPERATOR, text, end - 1); skipped++) end--;
  let start = end;
  while (start > 0 && end - start < 40 + longest && isIn(NAME_CHARACTER, text, start - 1)) start--;
  return [start, end];
}

// The secret's words vendor-word-token reads between a vendor's name and a value (`token`, `api key`).
const VENDOR_WORD_SECRET_WORD = String.raw`(?:(?:api|access|auth|secret|private|personal|client|app)[ \t_-]?)?(?:key|token|secret|apikey|credentials?|pat)`;
// A blank run after a name's character, with 12 characters of a value after it (and maybe a secret's word, and
// `:`, `=` or `-`): looked at, not taken, so each blank run is visited once.
// The blank first, then the name's character behind it: a pattern that opens with a look behind tries it at every
// character, one that opens with a blank only at the blanks (the same matches; 40% less time on source code).
const BLANK_BEFORE_VALUE = new RegExp(String.raw`[ \t](?<=[A-Za-z0-9_.-][ \t])[ \t]{0,3}(?=(?:${VENDOR_WORD_SECRET_WORD}[ \t]{0,4})?(?:[:=-][ \t]{0,4})?["'\x60]?[A-Za-z0-9_+/=.~-]{12})`, "gi");
let vendorWordSet: Set<string> | undefined;

/**
 * vendor-word-token's gate: a vendor's name as a whole word (the run of name characters before the blanks),
 * then blanks and 12 characters of a value (maybe after a secret's word and an operator). Each blank run is visited once and the word before it read back
 * at most the longest vendor's name and one character: linear in the text.
 */
const VENDOR_WORD_GATE = {
  test(text: string): boolean {
    const words = (vendorWordSet ??= new Set(ALL_VENDOR_WORDS));
    const { longest } = vendorsByStart();
    BLANK_BEFORE_VALUE.lastIndex = 0;
    for (let m = BLANK_BEFORE_VALUE.exec(text); m; m = BLANK_BEFORE_VALUE.exec(text)) {
      let start = m.index;
      while (start > 0 && m.index - start <= longest && isIn(NAME_CHARACTER, text, start - 1)) start--;
      if (m.index - start <= longest && words.has(text.slice(start, m.index).toLowerCase())) {
        BLANK_BEFORE_VALUE.lastIndex = 0;
        return true;
      }
    }
    return false;
  },
};

/** The judgement of vendor-named-secret: the vendor's word starts a word of a name that says "credential". */
function isVendorNamedToken(secret: string, groups: MatchGroups, file: string): boolean {
  // In source code an unquoted value is an expression, not a literal.
  if (!groups.quote && isCodeFile(file)) return false;
  const vendor = groups.vendor ?? "";
  // Written as a word is: lowercase, uppercase or capitalised (`sumObj` holds no `sumo`), or a name of two words
  // in camelCase or PascalCase as Go and JavaScript write one (`apiMetrics`, `BannerBear`).
  if (!/^(?:[a-z_]+|[A-Z_]+|[A-Z][a-z_]+|[a-z]+(?:[A-Z][a-z]+)+|(?:[A-Z][a-z]+){2,})$/.test(vendor)) return false;
  // The word starts the name or a word of it: after a separator, or in camelCase after a lowercase letter or digit.
  const lead = groups.lead ?? "";
  const before = lead.slice(-vendor.length - 1, -vendor.length);
  if (/[A-Za-z0-9]/.test(before) && !(/[a-z0-9]/.test(before) && /[A-Z]/.test(vendor[0] ?? ""))) return false;
  // After the vendor's word, a separator or a new word (`cloudflare_key`, `CloudflareKey`), not more of a longer word.
  const next = (groups.rest ?? "").slice(0, 1);
  if (/[a-z]/.test(next) && /[a-z]/.test(vendor.slice(-1))) return false;
  if (/[A-Z]/.test(next) && /[A-Z]/.test(vendor.slice(-1))) return false;
  const name = `${vendor}${groups.rest ?? ""}`.replace(/["'`]+$/, "");
  // A search-only key (heuristics.ts). A vendor's name after `PUBLIC_` is no such sign: `PUBLIC_DATADOG_API_KEY` holds
  // the API key whatever the framework then does with it (a key the browser needs is a client token, named so).
  if (SEARCH_ONLY_KEY_NAME.test(name)) return false;
  // An access id is half of a credential pair (Sumo Logic, Alibaba); other ids, names and addresses are not secrets.
  if (!/access[_.-]?id$/i.test(name) && NOT_A_CREDENTIAL_NAME.test(name) && name.length > (groups.vendor ?? "").length) return false;
  const value = secret.replace(/=+$/, "");
  return isTokenValue(value, 12);
}

/**
 * The rules keyed on the name a value is assigned to, or on a context that says a value is a password:
 * listed after the generic rules, which win an overlap (their judgement of a random value is the finer).
 */
export const VENDOR_NAME_RULES: readonly PatternRule[] = [
  {
    id: "vendor-named-secret",
    description: "Token-shaped value assigned to a name that says whose it is (CLOUDFLARE: \"…\", sumo_access_id = \"…\", \"artifactory\", \"…\")",
    envName: "SECRET",
    pattern: new RegExp(
      String.raw`${vendorName()}${NAME_ASSIGN}(?=(?<secret>[A-Za-z0-9_+/=.~-]{12,200}))\k<secret>(?![^\s"'\x60,;<>)}\]\\])`,
      "gi",
    ),
    // The assignment every match holds, not the names: 650 names as keywords cost the keyword search of every
    // small file more than the prefix tree costs to run (twice the scan time of node_modules; now 25% less).
    keywords: ["=", ":", ","],
    // What every match holds: a vendor's name, an operator, then 12 characters of a value. Most source
    // files have none, and the pattern (about 800 names) then costs no compiling.
    gate: VENDOR_ASSIGNMENT_GATE,
    validate: isVendorNamedToken,
    examples: {
      positive: ['cloudflare: "«h37»"', "kanbantool: «h32»", "clockify: «h8»-«h4»-«h4»-«h4»-«h12»", "SUMO_ACCESS_ID=su«A12»", 'sumologic_access_id = "«A14»"', '"artifactory", "«a64»"', 'CLOUDFLARE_ORIGIN: "«A40»"', "myCloudflare = '«A40»'", 'mixPanel := "«A32»"', 'BannerBear = "«A32»"', 'CLOUDFLARE_ORIGIN: "«h8»-«h4»-«h4»-«h4»-«h12»"'],
      negative: ['cloudflare_zone: "example.com"', 'sentry_dsn: "https://«h32»@o1.ingest.sentry.io/1"', 'datadog_site: "datadoghq.eu"', "okta_domain = dev-«d6».okta.com", 'HEROKU_APP_NAME = "billing-api-prod"', 'twitter_handle: "@acme_support_team"', 'facebook_app_id: "«d16»"', "cloudflare = getCloudflareClient(config)", 'scumbagcloudflare: "«h37»"', "sumObj = «A14»", 'jira: "PROJ-1234-some-ticket-title"', 'NEWRELIC_LICENSE: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', 'gemini: "gemini-1.5-pro-002"', "GROQ_MODEL_PREF=llama3-8b-8192", 'nvidia: "meta/llama-3.1-405b-instruct"', 'perplexity: "llama-3.1-sonar-large-128k-online"', 'nvidiaGpu = "NVIDIA-A100-SXM4-80GB"', 'SENTRY_RELEASE: "«h40»"', "HEROKU_SLUG_COMMIT=«h40»", 'vercel_git_commit_sha = "«h40»"'],
    },
  },
  {
    id: "long-token-assignment",
    description: "Token longer than 200 characters (a JWT-shaped vendor token) assigned to a secret's or a password's name (FORMIO_SECRET = \"eyJ…\", password = …)",
    envName: "SECRET",
    pattern: new RegExp(
      String.raw`(?<keyword>secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|(?<=[A-Za-z0-9])[_.-]key|credentials?|pass(?:w(?:or)?d|wd)|pwd)(?=[A-Za-z0-9_.-]{0,20}["'\x60]?[ \t]{0,16}[=:,?])(?<=(?<lead>[A-Za-z0-9_.-]{0,40}))(?=(?<tail>[A-Za-z0-9_.-]{0,20}))\k<tail>${NAME_ASSIGN}(?=(?<secret>[A-Za-z0-9_+/.~-]{201,1800}={0,2})(?![^\s"'\x60,;<>)}\]\\]))\k<secret>`,
      "gi",
    ),
    keywords: ["secret", "token", "key", "credential", "pass", "pwd"],
    // (A cheap look for an assignment ahead comes before the look behind for the name: on a long run
    // of `apikeyapikey…` most keywords have none.)
    // What every match holds: a run of 201 of the token's characters, looked for from each run's start
    // only (linear). Most files have none, and the pattern's names and look-behinds then cost nothing.
    gate: runGate(`${LETTERS_AND_DIGITS}_+/.~-`, 201),
    minEntropy: 4.5,
    validate: (secret: string, groups: MatchGroups, file: string) => {
      if (!groups.quote && isCodeFile(file)) return false;
      const name = `${groups.lead ?? ""}${groups.tail ?? ""}`.replace(/["'`]+$/, "");
      // `public_key`, `tokenUrl`, a token's name or type: something else under a secret's word.
      if (/(?:public|publishable|csrf|xsrf|page|cursor|next)[_.-]?(?:key|token)|(?:url|uri|path|file|name|type|id|header)$/i.test(name)) return false;
      // A bare `key` after a word and a separator (`storychief_key`): a vendor's key, unless the word says it is a public, a
      // cache's or a map's key. (Glued, `storychiefkey`, it is not read: every `key` of a text would be tried.)
      if (/^[_.-]key$/i.test(groups.keyword ?? "") && NOT_A_CREDENTIAL_KEY.test(/([A-Za-z0-9]+)[_.-]key/i.exec(name)?.[1] ?? "")) return false;
      // A certificate or a public key in base64 (`MII…`) is no secret; a secret's own prefix rule is the better finder.
      if (/^MII|^ssh-|^AAAA/.test(secret) || looksLikePlaceholder(secret)) return false;
      // An encrypted value under a password's name (a Bitnami SealedSecret's `encryptedData`: `Ag` and 300 base64
      // characters and more, whatever the third) is safe to commit.
      if (isEncryptedValue(secret) || /^Ag[A-Za-z0-9+/]{298,}={0,2}$/.test(secret)) return false;
      return /\d/.test(secret) && hasRandomCaseMix(secret.replace(/[^A-Za-z]/g, ""));
    },
    examples: {
      positive: ['FORMIO_SECRET = "eyJh«A32».«A243».«A30»"', "app.tallyfyApiKey=K6az«A32».«A260».«A15»", "  storychief_token: «A120»-«A40».«A100»", "storychief_key=«A36».«A400»", "[pypi]\nusername = __token__\npassword = eyS9«A233»"],
      negative: ['public_key = "MII«b300»"', "password_file = «A36».«A300»", "  encryptedData:\n    password: AgB«b340»", "cache_key=«A36».«A400»", 'TOKEN_URL = "https://auth.example.com/«a230»"', "const token = buildToken(«A10»)", 'PAGE_TOKEN = "«A250»"'],
    },
  },
  {
    id: "remote-admin-password",
    description: "Password given to a remote-administration command (psexec with -u and -p, Connect-VIServer with -User and -Password)",
    envName: "ADMIN_PASSWORD",
    // The tool's name first, then the user and password options on the same line (bounded).
    pattern: /\b(?:psexec(?:64)?(?:\.exe)?|Connect-VIServer)\b[^\n]{0,200}?[ \t]-u(?:ser)?[ \t]{1,8}["']?(?<user>[^\s"']{1,100})["']?[ \t]{1,8}(?:[^\s-][^\s]{0,60}[ \t]{1,8}){0,2}?-p(?:assword)?[ \t]{1,8}(?<quote>["'])?(?<secret>[^\s"'$%\x60]{4,128})(?=["']?(?:\s|$))/gi,
    keywords: ["psexec", "connect-viserver"],
    validate: (secret, groups) => isStatedPassword(secret, (groups.user ?? "").replace(/^.*\\/, "")),
    examples: {
      positive: ["cmd.exe /C PSEXEC \\\\10.0.94.120 -u Administrator -p «l4»_«l5» CMD /C ECHO", 'system("psexec \\\\\\\\192.168.3.77 -u Administrator -p «l7» shutdown -r -f -t 0");', "Connect-VIServer -Server vc01 -User root -Password «l8»"],
      negative: ["psExec \\\\HOST -u User -p $Password -i -d calc.exe", "PsExec.exe \\\\host -u DOMAIN\\user -p %nothing% -i 2", "PsExec.exe @C:\\comps.txt -u DOMAIN\\ADMINISTRATOR -p PASSWORD cmd", "PSEXEC.EXE \\\\host -u DOMAIN\\my-user -p mypass CMD", 'Connect-VIServer "$endpoint" -User "$username" -Password "$password"'],
    },
  },
  {
    id: "public-build-variable-password",
    description: "Password in a build variable that ships to the browser (REACT_APP_…_PASSWORD=, VITE_…_PASS=, NEXT_PUBLIC_…_PASSWORD=): every visitor can read it",
    envName: "PASSWORD",
    pattern: /(?<![\w$])(?:REACT_APP|VITE|NEXT_PUBLIC|EXPO_PUBLIC|GATSBY|NUXT_PUBLIC|VUE_APP)_(?:[A-Z0-9]{1,20}_){0,4}(?:PASS(?:WORD)?|PWD)[ \t]{0,4}=[ \t]{0,4}(?<quote>["'])?(?<secret>[^\s"'$\x60]{6,128})(?=["']?(?:\s|$))/g,
    keywords: ["react_app_", "vite_", "next_public_", "expo_public_", "gatsby_", "nuxt_public_", "vue_app_"],
    validate: (secret) => isStatedPassword(secret),
    examples: {
      positive: ["REACT_APP_AUTH_PASSWORD=«l9»", "    REACT_APP_AUTH_PASSWORD=«l9»    # some comment", "# REACT_APP_PASS=«l9»", 'VITE_ADMIN_PASS="«l10»"'],
      negative: ["REACT_APP_FRONTEND_LOGIN_FORGOT_PASSWORD=$REACT_APP_MATRIX_BASE_URL/classroom/#/forgot_password", "REACT_APP_PASSWORD=password", "VITE_PASSWORD=<your password>", "NEXT_PUBLIC_PASSWORD_MIN=12", "REACT_APP_SHOW_PASSWORD=true"],
    },
  },
  {
    id: "vendor-section-key",
    description: "Token-shaped value under a bare key in a vendor's section (YAML `clockify:` then `key: …`, JSON `\"clockify\": {\"key\": …}`, TOML `[clockify]`, HCL `provider \"clockify\" {`)",
    envName: "SECRET",
    // The vendor's name alone (or with a word such as `_api`) names the block; the key is its child, on the
    // same line (JSON) or up to four indented lines below (bounded, so the work per position is too).
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9_.-])(?<vendor>${VENDOR_ALTERNATION})(?:[_.-]?(?:api|client|config|credentials|settings|auth))?["'\]]?[ \t]{0,4}(?::|=)?[ \t]{0,4}\{?[ \t]{0,4}(?:\r?\n(?:[ \t]{1,16}[^\n]{0,120}\r?\n){0,4}?[ \t]{0,16})?["']?(?<child>(?:api[_-]?)?key|auth|pat)["']?[ \t]{0,4}[:=][ \t]{0,4}(?<quote>["'])?(?<secret>[A-Za-z0-9_+/=.~-]{14,200})(?![^\s"'\x60,;<>)}\]\\])`,
      "gi",
    ),
    // The child's name is the literal every match holds: hundreds of vendors' names as keywords cost more to look
    // for in every small file than the rule costs to run (src/scan/scanner.ts, keywordsIn).
    keywords: ["key", "auth", "pat"],
    // What every match holds after the vendor's name: the child's name, its operator and 14 characters of a value.
    gate: /(?:key|auth|pat)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?[A-Za-z0-9_+/=.~-]{14}/i,
    validate: (secret: string, groups: MatchGroups, file: string) => {
      if (!groups.quote && isCodeFile(file)) return false;
      return isTokenValue(secret.replace(/=+$/, ""), 14);
    },
    examples: {
      positive: ["clockify:\n  key: «a32»", "clockify:\n  url: https://api.clockify.me\n  key: «a32»", '[pandadoc]\nkey = "«h40»"', 'provider "clockify" {\n  key = "«a32»"\n}', '{"languagelayer": {"key": "«h32»"}}', '{\n  "clockify": {\n    "key": "«a32»"\n  }\n}'],
      negative: ["datadog:\n  api-key: dGVzdC1hcGkta2V5Cg==", "clockify:\n  key: ${CLOCKIFY_KEY}", '[pandadoc]\nkey = "template-settings"', 'cloudflare:\n  zone: example.com\n  key: "«h8»"', "clockify:\n  key: clockify/time-entries/weekly-report", 'myclockify:\n  key: "«a32»"'],
    },
  },
  {
    id: "cli-token-flag",
    description: "Token-shaped value given to a command-line option named for a secret (--token …, --api-key …, --clockify-key …)",
    envName: "API_TOKEN",
    // The option's name ends in a secret's word; a key's id or fingerprint (`--recv-key`, `--default-key`) is public.
    pattern: /(?<![\w-])--(?<name>(?:[a-z0-9]{1,20}-){0,3}(?:token|api-?key|key|secret|pat|password|access-key|auth))(?:[ \t]{1,4}|=)(?<quote>["'])?(?<secret>[A-Za-z0-9_+/=.~-]{16,200})(?=["']?(?:\s|$|\\))/gi,
    keywords: ["--"],
    validate: (secret: string, groups: MatchGroups) => {
      if (/(?:^|-)(?:recv|send|search|default|local|encrypt|sign|signing|trusted|public|pub|ssh|host|gpg|pgp|fingerprint|cache|idempotency|partition|sort|primary|foreign|hash|page|next|csrf|xsrf)(?:-|$)/i.test(groups.name ?? "")) return false;
      // A key's file or a hex id alone is no secret under a bare `--key`; a token's option takes both.
      if (/^key$/i.test(groups.name ?? "") && /^[0-9a-f]+$/i.test(secret)) return false;
      return isTokenValue(secret.replace(/=+$/, ""), 16);
    },
    examples: {
      positive: ["clockify-cli --token «a32» list", "mytool --api-key «a32» list", "mytool --clockify-key «A32»", "deploy --access-key '«A24»' --region eu-west-1"],
      negative: ["gpg --recv-key «h40»", "mytool --token $CLOCKIFY_TOKEN list", "mytool --api-key path/to/api-key.txt", "mytool --token-file «a32»", "aws dynamodb query --sort-key «a20»7", "mytool --key «h32»"],
    },
  },
  {
    id: "vendor-named-secret-in-prose",
    description: "Token-shaped value after a vendor's name and a secret's word in prose or a log (`clockify token …`, `PandaDoc API key: …`)",
    envName: "SECRET",
    // Vendors whose names are English words (`nimble`, `daily`, `harvest`: out of the name lists, code uses them as
    // words) count here, where a secret's word and a token-shaped value must follow the name.
    // After the vendor's name, `access` and `private` name a credential as `key` and `token` do (`pandadoc access …`,
    // `splunk_private …`: how keyword-proximity scanners' tests write one), and the words may be glued to the name
    // (`deepgramKEY …`, `codacyACCESS_KEY …`, `databoxPrivateKey …`) when the name is five letters and more.
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9_.-])(?<vendor>${VENDOR_ALTERNATION}|${PROSE_VENDOR_WORDS.join("|")})(?<sep>[ \t_.-]?)(?:(?:api|access|auth|secret|private|personal|client|app|account|service|bearer)[ \t_-]?){0,2}(?:key|token|secret|apikey|credentials?|pat|access|private)[ \t]{1,4}(?:(?:is|-|->|=>)[ \t]{1,4})?(?<quote>["'\x60])?(?<secret>[A-Za-z0-9_+/=.~-]{16,200})(?=["'\x60]?\.?(?:[\s,;)]|$))`,
      "gi",
    ),
    keywords: ["key", "token", "secret", "credential", "pat", "access", "private"],
    // What every match holds after the vendor's name: the secret's word, then 16 characters of a value.
    gate: /(?:key|token|secret|credentials?|pat|access|private)[ \t]{1,4}(?:(?:is|-|->|=>)[ \t]{1,4})?["'\x60]?[A-Za-z0-9_+/=.~-]{16}/i,
    validate: (secret: string, groups: MatchGroups) => (groups.sep !== "" || (groups.vendor ?? "").length >= 5) && isTokenValue(secret.replace(/[=.]+$/, ""), 16),
    examples: {
      positive: ["clockify token «a32»", "Your PandaDoc API key is «h40».", "[INFO] languagelayer key «h32» loaded", "clockify personal access token «a32»", "clockify_token «a32»", "clockify api-key - «a32»", "pandadoc access «A40»", "splunk_PRIVATE «A22»", "deepgramKEY «a40»", "codacyACCESS_KEY «a20»", "nimble token «A30»", "harvest access token - «A40»"],
      negative: ["clockify token endpoint returns 401", "pandadoc api key rotation-guide-for-admins", "clockify token ${CLOCKIFY_TOKEN}", "clockify token «d20»", "clockify «h40»", "myclockify token «a32»", "daily token rotation-checklist-for-admins", "segment key «l24»", "pandadoc access denied-for-this-workspace", "private final SpotifyClientFactory factory;", "clockifytokens «a32»"],
    },
  },
  {
    id: "vendor-word-token",
    description: "Token-shaped value right after a vendor's name in prose, a log or a config that is not code (`mixpanel «…»`, `liveagent '«…»'`, `ipinfo token = '«…»'`)",
    envName: "SECRET",
    // How keyword-proximity scanners' tests and people's notes write a vendor's key: the name, blanks, maybe a
    // secret's word and `:`, `=` or `-`, the token. The name alone says whose; the value must be random by
    // isTokenValue's measure (16 characters, or 12 quoted after a secret's word, as vendor-named-secret takes
    // a name's). Not read in source code (skipsFile), where `name value` is no literal.
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9_.-])(?<vendor>${VENDOR_ALTERNATION})[ \t]{1,4}(?:(?<word>${VENDOR_WORD_SECRET_WORD})[ \t]{0,4})?(?:[:=-][ \t]{0,4})?(?<quote>["'\x60])?(?<secret>[A-Za-z0-9_+/.~-]{12,200}={0,2})(?=["'\x60]?\.?(?:[\s,;)]|$))`,
      "gi",
    ),
    keywords: [" ", "\t"],
    // What every match holds: a vendor's name alone as a word, then blanks and 12 characters of a value.
    gate: VENDOR_WORD_GATE,
    skipsFile: isCodeFile,
    validate: (secret: string, groups: MatchGroups) => {
      const vendor = groups.vendor ?? "";
      if (!/^(?:[a-z_]+|[A-Z_]+|[A-Z][a-z_]+)$/.test(vendor.replace(/\d/g, ""))) return false;
      const value = secret.replace(/[=.]+$/, "");
      // isTokenValue's cheapest necessary test first (a digit, or both cases): words after a vendor's name are common.
      if (!/\d/.test(value) && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return false;
      // A commit (40 hex digits) or a UUID after a name is a reference to something, as often as a key.
      if (/^[0-9a-f]{40}$/i.test(value) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
      return isTokenValue(value, groups.word && groups.quote ? 12 : 16);
    },
    examples: {
      positive: ["mixpanel «A32» «A30»", "liveagent '«A32»' 'https://acme.ladesk.com'", "[DEBUG] kanbantool - «a24»", "Mixpanel «A32».", "ipinfo token = '«h14»'", "uclassify token = '«A11»7'"],
      negative: ["mixpanel «l24»", "mixpanel https://api.mixpanel.com/track", "mixpanel «h40»", "mixpanel «h8»-«h4»-«h4»-«h4»-«h12»", "mixpanel ${MIXPANEL_TOKEN}", "supermixpanel «A32»", "mixpanel version-2-release-notes", "mixpanel «d20»", "confluent client_id=«A16»", "mixpanel '«A11»7'", "clockify token = '«d14»'", "clockify token = «a13»", "clockify token = 'xxxxxxxxxxxxxxxx'"],
    },
  },
  {
    id: "key-in-prose",
    description: "Token-shaped value after an API key's or token's name and a space, in prose or a log (`API key «…»`, `access token is «…»`)",
    envName: "API_KEY",
    // Two words that name a credential, then the value after a space (`=` and `:` are the generic rule's).
    pattern: /(?<![A-Za-z0-9])(?:api|access|auth|secret|private|bearer)[ \t_-]?(?:key|token)[ \t]{1,4}(?:(?:is|-|->|=>)[ \t]{1,4})?(?<quote>["'\x60])?(?<secret>[A-Za-z0-9_+/=.~-]{20,200})(?=["'\x60]?\.?(?:[\s,;)]|$))/gi,
    keywords: ["key", "token"],
    validate: (secret: string, _groups: MatchGroups, file: string) => !isCodeFile(file) && isTokenValue(secret.replace(/[=.]+$/, ""), 20),
    examples: {
      positive: ["Acme API key «a32»", "my api key is «A24»9", "[DEBUG] using access token «A40»", "Acme secret key --«A24»9"],
      negative: ["the API key «l24» must be rotated", "api key ${API_KEY}", "access token expires-in-one-hour", "api key «d24»",
        // A command's next option (a kubectl line in a chart's README).
        "kubectl create secret generic SECRET_NAME --from-literal=airflow-secret-key=SECRET_KEY --from-literal=airflow-jwt-secret-key=JWT_SECRET_KEY --dry-run"],
    },
  },
];

// Values samples use for a password, and states a password is said to be: never a real one.
const SAMPLE_PASSWORDS = /^(?:pass(?:w(?:or)?d)?\d*|passw0rd|secret\d*|changeme|changeit|admin\d*|root|test(?:ing)?\d*|example|default|guest|user(?:name)?|letmein|hunter2|qwerty\d*|\d+|(?:my|your|the|some)[_-]?pass(?:w(?:or)?d)?|mypass|pass123|none|null|nil|undefined|true|false|empty|blank|required|hidden|masked|unknown|unset)$/i;

/**
 * A password a command line or a public build variable says is one: the context proves it is a
 * password, so a word will do (`dev_admin`, `whiteduke`), as in a password compared with a literal;
 * samples, references, placeholders and names of a password (`$PASSWORD`, `%PASS%`, `<password>`,
 * `db_password`) will not, nor the user's name again.
 */
function isStatedPassword(secret: string, user = ""): boolean {
  if (secret.length < 6 || SAMPLE_PASSWORDS.test(secret) || secret === user) return false;
  if (/^[$%{<[*]/.test(secret) || isReference(secret) || looksLikePlaceholder(secret)) return false;
  return !/pass(?:w(?:or)?d|wd)?|pwd|secret|token|key/i.test(secret);
}

/**
 * Vendors' tokens known by their context: a short or no prefix, so a word or a key before them says
 * what they are (Nosey Parker's context rules).
 */
const VENDOR_CONTEXT_RULES: readonly PatternRule[] = [
  {
    id: "hashicorp-vault-legacy-token",
    description: "HashiCorp Vault token in the format before Vault 1.10 (s.…, b.…, r.…) after a word that says so (vault, token)",
    envName: "VAULT_TOKEN",
    // Short prefixes (`s.` is any one-letter variable's member): only after `vault` or `token`, as Nosey Parker reads them.
    pattern: /(?:vault|token)["'\x60:= \t]{1,5}(?<secret>[sbr]\.[A-Za-z0-9_-]{24,128})(?![\w-])/gi,
    keywords: ["vault", "token"],
    minEntropy: 3.5,
    validate: (secret) => {
      const body = secret.slice(2);
      return /\d/.test(body) && hasRandomCaseMix(body) && !looksLikePlaceholder(body) && !isWordyIdentifier(body.replace(/-/g, "_"));
    },
    examples: {
      positive: ["java -jar app.jar -vaultToken s.«A26»", 'VAULT_TOKEN="s.«A24»"', "vault_token: b.«A40»"],
      negative: ["function(){s.addComponentsFromRegistry()}", "this._emitEOFToken()):(this._err(s.unexpectedCharacterAfterDoctypeSystemIdentifier", 'VAULT_TOKEN="s.xxxxxxxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: "kubernetes-bootstrap-token",
    description: "Kubernetes bootstrap token (kubeadm join --token abcdef.0123456789abcdef, token-id/token-secret in its Secret)",
    envName: "KUBEADM_TOKEN",
    pattern: /(?:(?:token|bootstrap)[\w"'-]{0,8}[ \t]{0,4}[:=]?[ \t]{1,4}["']?(?<secret>[a-z0-9]{6}\.[a-z0-9]{16})(?![\w.-])|token-id:[ \t]{0,4}["']?[a-z0-9]{6}["']?\s{1,40}token-secret:[ \t]{0,4}["']?(?<secret2>[a-z0-9]{16})(?![\w-]))/gi,
    keywords: ["token", "bootstrap"],
    // kubeadm's documented example (abcdef.0123456789abcdef) and other walks are no token; 16 random
    // characters reach 2.5 to 4 bits each.
    validate: (secret) => {
      const body = secret.slice(secret.indexOf(".") + 1);
      return /\d/.test(body) && /[a-z]/.test(body) && !looksLikePlaceholder(secret) && !/0123|1234|abcd/.test(secret) && shannonEntropy(body) >= 2.5;
    },
    examples: {
      positive: ["kubeadm join 10.0.0.1:6443 --token «a6».«h16» --discovery-token-ca-cert-hash sha256:«h64»", "# Token ID and secret. Required.\ntoken-id: «a6»\ntoken-secret: «h16»"],
      negative: ["kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef", "token: ${BOOTSTRAP_TOKEN}", "token-id: «a6»\ntoken-secret: 0123456789abcdef"],
    },
  },
  {
    id: "codeclimate-reporter-id",
    description: "Code Climate test reporter ID or repository token (CC_TEST_REPORTER_ID, CODECLIMATE_REPO_TOKEN): lets anyone post coverage for the repository",
    envName: "CC_TEST_REPORTER_ID",
    pattern: /\b(?:CC_TEST_REPORTER_ID|CODECLIMATE_REPO_TOKEN)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?<secret>[0-9a-f]{64})(?![\w-])/g,
    keywords: ["cc_test_reporter_id", "codeclimate_repo_token"],
    minEntropy: 3.0,
    examples: {
      positive: ["env:\n  CC_TEST_REPORTER_ID: «h64»", "export CODECLIMATE_REPO_TOKEN=«h64»"],
      negative: ["CC_TEST_REPORTER_ID: ${{ secrets.CC_TEST_REPORTER_ID }}", "CC_TEST_REPORTER_ID: 0000000000000000000000000000000000000000000000000000000000000000"],
    },
  },
  {
    id: "thingsboard-provision-secret",
    description: "ThingsBoard device provisioning key or secret (\"provisionDeviceKey\": \"…\", \"provisionDeviceSecret\": \"…\")",
    envName: "THINGSBOARD_PROVISION_SECRET",
    pattern: /"provisionDevice(?:Key|Secret)"[ \t]{0,4}:[ \t]{0,4}"(?<secret>[a-z0-9]{20})"/g,
    keywords: ["provisiondevice"],
    minEntropy: 3.0,
    validate: (secret) => /\d/.test(secret) && /[a-z]/.test(secret) && !looksLikePlaceholder(secret),
    examples: {
      positive: ['{"deviceName": "DEVICE_NAME", "provisionDeviceKey": "«a20»", "provisionDeviceSecret": "«a20»"}'],
      negative: ['{"provisionDeviceKey": "PUT_PROVISION_KEY_HERE", "provisionDeviceSecret": "PUT_PROVISION_SECRET_HERE"}', '"provisionDeviceSecret": "xxxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: "kubernetes-docker-config",
    description: "Registry credentials in a Kubernetes Secret (.dockerconfigjson: or .dockercfg: and the base64 of a Docker config)",
    envName: "DOCKER_CONFIG_JSON",
    // The value is base64 of a JSON document: `ey` (`{"`), `ew` (`{` and a newline) or `e3` (`{ `).
    pattern: /\.docker(?:configjson|cfg)["']?[ \t]{0,4}:[ \t]{0,4}["']?(?<secret>e[wy3][A-Za-z0-9+/]{10,20000}={0,2})(?![A-Za-z0-9+/=])/g,
    keywords: [".dockerconfigjson", ".dockercfg"],
    validate: (secret) => !looksLikePlaceholder(secret) && holdsRegistryCredentials(secret),
    examples: {
      positive: ["data:\n  .dockerconfigjson: ey«b120»", '  ".dockercfg": "ew«b80»="'],
      negative: [".dockerconfigjson: {{ .Values.imagePullSecret }}", ".dockerconfigjson: ewogICJhdXRocyI6IHt9Cn0=", "  .dockerconfigjson: eyXXXXXXXXXXXXXXXXXXXXXXXX"],
    },
  },
  {
    id: "base64-pem-private-key",
    description: "PEM private key encoded in base64 (LS0tLS1CRUdJTi…: a kubeconfig's client-key-data, a Kubernetes Secret's tls.key)",
    envName: "PRIVATE_KEY",
    // `LS0tLS1CRUdJTi` is base64 of `-----BEGIN`; the header it opens is read back by decoding (a
    // certificate or a public key encoded the same way is public).
    pattern: /(?<![A-Za-z0-9+/])(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{100,20000}={0,2})(?![A-Za-z0-9+/=])/g,
    keywords: ["ls0tls1crudjti"],
    validate: isBase64PemPrivateKey,
    examples: {
      positive: ["    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo«b300»", "  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1J«b200»", "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0K«b400»="],
      negative: ["    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1J«b300»", "  tls.pub: LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0K«b200»", "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo«b20»", "    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFg="],
    },
  },
  {
    id: "openvpn-static-key",
    description: "OpenVPN static key (-----BEGIN OpenVPN Static key V1-----: tls-auth, tls-crypt or a static-key tunnel's shared secret)",
    envName: "OPENVPN_STATIC_KEY",
    // 16 lines of 32 hex digits between its markers (an .ovpn file inlines it in <tls-auth>).
    pattern: /-----BEGIN OpenVPN Static key V1-----[ \t]{0,4}\r?\n(?<secret>(?:[0-9a-f]{32}[ \t]{0,4}\r?\n){8,16})-----END OpenVPN Static key V1-----/g,
    keywords: ["openvpn static key"],
    validate: (secret) => {
      const hex = secret.replace(/\s+/g, "");
      return !looksLikePlaceholder(hex) && !/(.)\1{7}/.test(hex) && shannonEntropy(hex) >= 3.5;
    },
    examples: {
      positive: [`<tls-auth>\n-----BEGIN OpenVPN Static key V1-----\n${"«h32»\n".repeat(16)}-----END OpenVPN Static key V1-----\n</tls-auth>`],
      negative: [`-----BEGIN OpenVPN Static key V1-----\n${"00000000000000000000000000000000\n".repeat(16)}-----END OpenVPN Static key V1-----`, "-----BEGIN OpenVPN Static key V1-----\n...\n-----END OpenVPN Static key V1-----"],
    },
  },
];

/**
 * Base64 of a PEM block whose header names a private key (`-----BEGIN RSA PRIVATE KEY-----`, `… OPENSSH
 * PRIVATE KEY-----`, PGP's `PRIVATE KEY BLOCK`), with a body that is not a placeholder's repetition.
 */
function isBase64PemPrivateKey(secret: string): boolean {
  // The block starts the value, so its base64 is aligned: the first 600 characters decode to its first 450 bytes.
  const text = Buffer.from(secret.slice(0, 600), "base64").toString("latin1");
  const header = /^-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/.exec(text);
  if (!header) return false;
  // A real key's body is base64 text; only its letters and digits are judged (`XXXX…`, `your-key-here`).
  const body = text.slice(header[0].length).replace(/[^A-Za-z0-9]/g, "");
  return body.length >= 16 && !looksLikePlaceholder(body) && !/(.)\1{7}/.test(body) && shannonEntropy(secret.slice(64)) >= 4.0;
}

/**
 * A Docker config in base64 holds credentials unless it decodes to a whole JSON document without
 * any (`{"auths": {}}`, an empty `auth`); a value that does not decode to JSON (cut short, or
 * of another shape) is judged a config, as its name says.
 */
function holdsRegistryCredentials(secret: string): boolean {
  const text = Buffer.from(secret, "base64").toString("utf8");
  try {
    return /"(?:auth|password|identitytoken)"\s*:\s*"[^"]/.test(JSON.stringify(JSON.parse(text)));
  } catch {
    return true;
  }
}

/** The specific vendor rules (the table's, then the context rules): listed before the generic rules, which they win an overlap from. */
export const VENDOR_RULES: readonly PatternRule[] = [...VENDOR_PREFIX_RULES, ...VENDOR_CONTEXT_RULES];
