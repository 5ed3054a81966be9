/**
 * Tokens that carry their vendor's prefix (`gsk_…`, `dp.pt.…`, `hvs.…`): one table, one rule
 * each. A prefixed token is a secret wherever it sits (a bare line, a README, a command line),
 * so these rules need no name around the value; the prefix, the body's alphabet and length and
 * its randomness decide. Shapes follow the vendors' documentation and other scanners' rules.
 *
 * Each entry's `example` is a template (test/helpers/fake-secrets.mjs) of one token; the rule's
 * examples are built from it: the token assigned in a .env line and sent in a header (positive),
 * the prefix followed by a placeholder or by dots (negative).
 */
import { endsInCountingRun, looksLikePlaceholder } from "./heuristics.js";
import type { PatternRule } from "./rule-types.js";

interface PrefixedToken {
  id: string;
  description: string;
  envName: string;
  /** The token, as a regular expression source (bounded quantifiers only). */
  token: string;
  /** Lowercase strings the token always contains (the prefilter). */
  keywords: readonly string[];
  /** A template of one token. */
  example: string;
  /** Bits per character the token's random part reaches (default 3.0). */
  minEntropy?: number;
  /** Templates of near-misses (the prefix with a length or a part the vendor does not use): negative examples. */
  nearMisses?: readonly string[];
}

const TOKENS: readonly PrefixedToken[] = [
  // AI and model APIs (what an agent's developer holds).
  { id: "groq-api-key", description: "Groq API key (gsk_…)", envName: "GROQ_API_KEY", token: String.raw`gsk_[A-Za-z0-9]{52}`, keywords: ["gsk_"], example: "gsk_«A52»" },
  { id: "perplexity-api-key", description: "Perplexity API key (pplx-…)", envName: "PERPLEXITY_API_KEY", token: String.raw`pplx-[A-Za-z0-9]{48}`, keywords: ["pplx-"], example: "pplx-«A48»" },
  { id: "xai-api-key", description: "xAI (Grok) API key (xai-…)", envName: "XAI_API_KEY", token: String.raw`xai-[A-Za-z0-9]{80}`, keywords: ["xai-"], example: "xai-«A80»" },
  { id: "openrouter-api-key", description: "OpenRouter API key (sk-or-v1-…)", envName: "OPENROUTER_API_KEY", token: String.raw`sk-or-v1-[0-9a-f]{64}`, keywords: ["sk-or-v1-"], example: "sk-or-v1-«h64»" },
  { id: "langsmith-api-key", description: "LangSmith API key (lsv2_pt_…, lsv2_sk_…)", envName: "LANGSMITH_API_KEY", token: String.raw`lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}`, keywords: ["lsv2_"], example: "lsv2_pt_«h32»_«h10»" },
  { id: "pinecone-api-key", description: "Pinecone API key (pcsk_…)", envName: "PINECONE_API_KEY", token: String.raw`pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,66}`, keywords: ["pcsk_"], example: "pcsk_«A6»_«A63»", nearMisses: ["pcsk_«A4»_«A63»", "pcsk_«A6»_«A63»«A5»"] },
  { id: "replicate-api-token", description: "Replicate API token (r8_…)", envName: "REPLICATE_API_TOKEN", token: String.raw`r8_[A-Za-z0-9]{37}`, keywords: ["r8_"], example: "r8_«A37»" },
  { id: "tavily-api-key", description: "Tavily API key (tvly-…)", envName: "TAVILY_API_KEY", token: String.raw`tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}`, keywords: ["tvly-"], example: "tvly-dev-«A32»", nearMisses: ["tvly-dev-«A27»12345"] },
  { id: "firecrawl-api-key", description: "Firecrawl API key (fc-…)", envName: "FIRECRAWL_API_KEY", token: String.raw`fc-[0-9a-f]{32}`, keywords: ["fc-"], example: "fc-«h32»" },
  { id: "jina-api-key", description: "Jina AI API key (jina_…)", envName: "JINA_API_KEY", token: String.raw`jina_[A-Za-z0-9_-]{56,64}`, keywords: ["jina_"], example: "jina_«A60»" },
  // Platforms and developer services.
  { id: "aws-appsync-api-key", description: "AWS AppSync API key (da2-…)", envName: "APPSYNC_API_KEY", token: String.raw`da2-[a-z0-9]{26}`, keywords: ["da2-"], example: "da2-«a26»" },
  { id: "doppler-token", description: "Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)", envName: "DOPPLER_TOKEN", token: String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}`, keywords: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."], example: "dp.pt.«A43»" },
  { id: "hashicorp-vault-token", description: "HashiCorp Vault token (hvs., hvb., hvr.)", envName: "VAULT_TOKEN", token: String.raw`hv[sbr]\.[A-Za-z0-9_-]{24,400}`, keywords: ["hvs.", "hvb.", "hvr."], example: "hvs.«u90»" },
  { id: "terraform-cloud-token", description: "Terraform Cloud / HCP Terraform API token (….atlasv1.…)", envName: "TFE_TOKEN", token: String.raw`[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}`, keywords: ["atlasv1"], example: "«A14».atlasv1.«u67»" },
  { id: "pulumi-access-token", description: "Pulumi access token (pul-…)", envName: "PULUMI_ACCESS_TOKEN", token: String.raw`pul-[0-9a-f]{40}`, keywords: ["pul-"], example: "pul-«h40»" },
  { id: "databricks-token", description: "Databricks personal access token (dapi…)", envName: "DATABRICKS_TOKEN", token: String.raw`dapi[0-9a-f]{32}(?:-\d)?`, keywords: ["dapi"], example: "dapi«h32»" },
  { id: "digitalocean-token", description: "DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)", envName: "DIGITALOCEAN_TOKEN", token: String.raw`do[por]_v1_[0-9a-f]{64}`, keywords: ["dop_v1_", "doo_v1_", "dor_v1_"], example: "dop_v1_«h64»" },
  { id: "supabase-token", description: "Supabase access token or secret key (sbp_…, sbp_v0_…, sb_secret_…)", envName: "SUPABASE_ACCESS_TOKEN", token: String.raw`(?:sbp_(?:v0_)?[0-9a-f]{40}|sb_secret_[A-Za-z0-9_-]{30,64})`, keywords: ["sbp_", "sb_secret_"], example: "sbp_«h40»" },
  { id: "netlify-token", description: "Netlify personal access token (nfp_…)", envName: "NETLIFY_AUTH_TOKEN", token: String.raw`nfp_[A-Za-z0-9]{36,40}`, keywords: ["nfp_"], example: "nfp_«A36»" },
  { id: "planetscale-token", description: "PlanetScale token or password (pscale_tkn_, pscale_pw_, pscale_oauth_)", envName: "PLANETSCALE_TOKEN", token: String.raw`pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}`, keywords: ["pscale_"], example: "pscale_tkn_«A43»" },
  { id: "render-api-key", description: "Render API key (rnd_…)", envName: "RENDER_API_KEY", token: String.raw`rnd_[A-Za-z0-9]{32}`, keywords: ["rnd_"], example: "rnd_«A32»" },
  { id: "flyio-token", description: "Fly.io access token (fo1_…, FlyV1 fm2_…)", envName: "FLY_API_TOKEN", token: String.raw`(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/=_-]{100,1000})`, keywords: ["fo1_", "fm1", "fm2"], example: "fo1_«u43»" },
  { id: "prefect-api-key", description: "Prefect API key (pnu_…)", envName: "PREFECT_API_KEY", token: String.raw`pnu_[A-Za-z0-9]{36}`, keywords: ["pnu_"], example: "pnu_«A36»" },
  { id: "sentry-token", description: "Sentry auth token (sntrys_…, sntryu_…)", envName: "SENTRY_AUTH_TOKEN", token: String.raw`(?:sntrys_eyJ[A-Za-z0-9+/=_]{50,600}|sntryu_[0-9a-f]{64})`, keywords: ["sntrys_", "sntryu_"], example: "sntryu_«h64»", nearMisses: ["sntrys_eyJ«A4»-«A150»"] },
  { id: "grafana-token", description: "Grafana service account token, Cloud token or API key (glsa_, glc_, eyJrIjoi…)", envName: "GRAFANA_TOKEN", token: String.raw`(?:glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2}|eyJrIjoi[A-Za-z0-9+/]{40,200}={0,2})`, keywords: ["glsa_", "glc_", "eyjrijoi"], example: "glsa_«A32»_«h8»" },
  { id: "new-relic-key", description: "New Relic API, license or browser key (NRAK-, NRII-, NRJS-, NRRA-, NRIQ-)", envName: "NEW_RELIC_API_KEY", token: String.raw`(?:NRAK-[A-Za-z0-9-]{27,42}|NRI[IQ]-[A-Za-z0-9_-]{25,42}|NR(?:JS|RA|AA)-[A-Za-z0-9-]{19,42})`, keywords: ["nrak-", "nrii-", "nriq-", "nrjs-", "nrra-", "nraa-"], example: "NRAK-«U27»", nearMisses: ["NRAK-«U26»", "NRII-«A24»"] },
  { id: "postman-api-key", description: "Postman API key (PMAK-…)", envName: "POSTMAN_API_KEY", token: String.raw`PMAK-[0-9a-f]{24}-[0-9a-f]{34}`, keywords: ["pmak-"], example: "PMAK-«h24»-«h34»" },
  { id: "atlassian-api-token", description: "Atlassian API token (ATATT3…)", envName: "ATLASSIAN_API_TOKEN", token: String.raw`ATATT3[A-Za-z0-9_=-]{150,300}`, keywords: ["atatt3"], example: "ATATT3«u180»" },
  { id: "linear-api-key", description: "Linear API key (lin_api_…)", envName: "LINEAR_API_KEY", token: String.raw`lin_api_[A-Za-z0-9]{40}`, keywords: ["lin_api_"], example: "lin_api_«A40»" },
  { id: "sourcegraph-token", description: "Sourcegraph access token (sgp_…)", envName: "SRC_ACCESS_TOKEN", token: String.raw`sgp_(?:local_|[0-9a-f]{16}_)?[0-9a-f]{40}`, keywords: ["sgp_"], example: "sgp_«h16»_«h40»" },
  { id: "buildkite-token", description: "Buildkite API access token (bkua_…)", envName: "BUILDKITE_API_TOKEN", token: String.raw`bkua_[0-9a-f]{40}`, keywords: ["bkua_"], example: "bkua_«h40»" },
  { id: "contentful-token", description: "Contentful personal access token (CFPAT-…)", envName: "CONTENTFUL_MANAGEMENT_TOKEN", token: String.raw`CFPAT-[A-Za-z0-9_-]{43}`, keywords: ["cfpat-"], example: "CFPAT-«u43»" },
  { id: "typeform-token", description: "Typeform personal access token (tfp_…)", envName: "TYPEFORM_TOKEN", token: String.raw`tfp_[A-Za-z0-9_-]{40,60}`, keywords: ["tfp_"], example: "tfp_«u44»" },
  { id: "readme-api-key", description: "ReadMe API key (rdme_…)", envName: "README_API_KEY", token: String.raw`rdme_[a-z0-9]{70}`, keywords: ["rdme_"], example: "rdme_«a70»" },
  { id: "shopify-token", description: "Shopify access token or shared secret (shpat_, shpca_, shppa_, shpss_)", envName: "SHOPIFY_ACCESS_TOKEN", token: String.raw`shp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}`, keywords: ["shpat_", "shpca_", "shppa_", "shpss_"], example: "shpat_«h32»" },
  { id: "mapbox-secret-token", description: "Mapbox secret token (sk.eyJ…; pk. tokens are public)", envName: "MAPBOX_SECRET_TOKEN", token: String.raw`sk\.eyJ[A-Za-z0-9_-]{50,300}\.[A-Za-z0-9_-]{20,40}`, keywords: ["sk.eyj"], example: "sk.eyJ«u60».«u22»" },
  { id: "adafruit-io-key", description: "Adafruit IO key (aio_…)", envName: "ADAFRUIT_IO_KEY", token: String.raw`aio_[A-Za-z0-9]{28}`, keywords: ["aio_"], example: "aio_«A28»" },
  { id: "dependency-track-api-key", description: "Dependency-Track API key (odt_…)", envName: "DEPENDENCY_TRACK_API_KEY", token: String.raw`odt_[A-Za-z0-9]{32,40}`, keywords: ["odt_"], example: "odt_«A32»" },
  { id: "twitch-stream-key", description: "Twitch stream key (live_…)", envName: "TWITCH_STREAM_KEY", token: String.raw`live_\d{6,10}_[A-Za-z0-9]{30}`, keywords: ["live_"], example: "live_«d9»_«A30»" },
  // Package registries.
  { id: "pypi-token", description: "PyPI or TestPyPI upload token (pypi-AgEIcHlwaS5vcmc…)", envName: "PYPI_API_TOKEN", token: String.raw`pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,300}`, keywords: ["pypi-age"], example: "pypi-AgEIcHlwaS5vcmc«u60»" },
  { id: "rubygems-api-key", description: "RubyGems API key (rubygems_…)", envName: "GEM_HOST_API_KEY", token: String.raw`rubygems_[0-9a-f]{48}`, keywords: ["rubygems_"], example: "rubygems_«h48»" },
  { id: "nuget-api-key", description: "NuGet API key (oy2…)", envName: "NUGET_API_KEY", token: String.raw`oy2[a-z0-9]{43}|OY2[A-Z0-9]{43}`, keywords: ["oy2"], example: "oy2«a43»" },
  { id: "crates-io-token", description: "crates.io API token (cio…)", envName: "CARGO_REGISTRY_TOKEN", token: String.raw`cio[A-Za-z0-9]{32}`, keywords: ["cio"], example: "cio«A32»", minEntropy: 3.5 },
  { id: "clojars-token", description: "Clojars deploy token (CLOJARS_…)", envName: "CLOJARS_TOKEN", token: String.raw`CLOJARS_[a-z0-9]{60}`, keywords: ["clojars_"], example: "CLOJARS_«a60»" },
  // Email, payments and messaging.
  { id: "mailgun-api-key", description: "Mailgun API key (key-…)", envName: "MAILGUN_API_KEY", token: String.raw`key-[0-9a-f]{32}`, keywords: ["key-"], example: "key-«h32»" },
  { id: "mailchimp-api-key", description: "Mailchimp API key (…-us12)", envName: "MAILCHIMP_API_KEY", token: String.raw`[0-9a-f]{32}-us\d{1,2}`, keywords: ["-us"], example: "«h32»-us13" },
  { id: "brevo-api-key", description: "Brevo (Sendinblue) API key (xkeysib-…)", envName: "BREVO_API_KEY", token: String.raw`xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16}`, keywords: ["xkeysib-"], example: "xkeysib-«h64»-«A16»" },
  { id: "square-token", description: "Square access token or OAuth secret (EAAA…, sq0atp-, sq0csp-)", envName: "SQUARE_ACCESS_TOKEN", token: String.raw`(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})`, keywords: ["eaaa", "sq0atp-", "sq0csp-"], example: "sq0csp-«u43»" },
  { id: "shippo-token", description: "Shippo API token (shippo_live_, shippo_test_)", envName: "SHIPPO_API_TOKEN", token: String.raw`shippo_(?:live|test)_[0-9a-f]{40}`, keywords: ["shippo_"], example: "shippo_live_«h40»" },
  { id: "easypost-api-key", description: "EasyPost API key (EZAK…, EZTK…)", envName: "EASYPOST_API_KEY", token: String.raw`EZ[AT]K[A-Za-z0-9]{54}`, keywords: ["ezak", "eztk"], example: "EZAK«A54»" },
  { id: "duffel-token", description: "Duffel API token (duffel_live_, duffel_test_)", envName: "DUFFEL_ACCESS_TOKEN", token: String.raw`duffel_(?:test|live)_[A-Za-z0-9_=-]{43}`, keywords: ["duffel_"], example: "duffel_live_«u43»" },
  { id: "flutterwave-secret-key", description: "Flutterwave secret or encryption key (FLWSECK-…)", envName: "FLW_SECRET_KEY", token: String.raw`FLWSECK(?:_TEST)?-[0-9a-f]{12,32}(?:-X)?`, keywords: ["flwseck"], example: "FLWSECK_TEST-«h32»-X" },
  // Keys a framework generates with a marker of its own.
  { id: "django-secret-key", description: "Django SECRET_KEY as startproject generates it (django-insecure-…): signs sessions and password-reset links", envName: "DJANGO_SECRET_KEY", token: String.raw`django-insecure-[a-z0-9!@#$%^&*(=+)_-]{50}`, keywords: ["django-insecure-"], example: "django-insecure-«a50»" },
  { id: "newrelic-license-key", description: "New Relic ingest license key (…NRAL)", envName: "NEW_RELIC_LICENSE_KEY", token: String.raw`(?:[a-z]{2}\d{2}xx[0-9a-f]{26}|[0-9a-f]{32})(?:[0-9a-f]{4}|FFFF)NRAL`, keywords: ["nral"], example: "eu01xx«h30»NRAL" },
  // Identity.
  { id: "google-oauth-token", description: "Google OAuth access token or client secret (ya29.…, GOCSPX-…)", envName: "GOOGLE_CLIENT_SECRET", token: String.raw`(?:ya29\.[A-Za-z0-9_-]{30,500}|GOCSPX-[A-Za-z0-9_-]{28})`, keywords: ["ya29.", "gocspx-"], example: "GOCSPX-«u28»" },
  { id: "azure-ad-client-secret", description: "Microsoft Entra ID (Azure AD) client secret (…Q~…)", envName: "AZURE_CLIENT_SECRET", token: String.raw`[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}`, keywords: ["q~"], example: "«A3»8Q~«A34»" },
  { id: "twitter-bearer-token", description: "X (Twitter) app bearer token (AAAA…%…)", envName: "TWITTER_BEARER_TOKEN", token: String.raw`A{21}[A-Za-z0-9%]{80,120}`, keywords: ["aaaaaaaaaaaaaaaaaaaaa"], example: "AAAAAAAAAAAAAAAAAAAAA«A20»%«A30»%«A40»" },
];

/** A token's random part: its longest piece between separators (the prefix and markers are short). */
const randomPart = (token: string) => token.split(/[_.-]+/).reduce((a, b) => (b.length > a.length ? b : a), "");

/** The rules of the prefixed-token table, in its order. */
export const PREFIXED_TOKEN_RULES: readonly PatternRule[] = TOKENS.map((t) => {
  const prefix = /^[A-Za-z0-9_.-]*?(?=«)/.exec(t.example)?.[0] ?? "";
  return {
    id: t.id,
    description: t.description,
    envName: t.envName,
    pattern: new RegExp(String.raw`(?<![\w.+/~]|(?<!:)-)(?<secret>${t.token})(?![\w~+/-])`, "g"),
    keywords: t.keywords,
    minEntropy: t.minEntropy ?? 3.0,
    // A placeholder after the prefix (`gsk_xxxx…`, `pul-0000…`, `tvly-YOUR_KEY…`) is none.
    validate: (secret) => {
      // X's bearer tokens start with a run of A: the random part is what follows it.
      const body = randomPart(secret).replace(/^A{8,}/, "");
      return !looksLikePlaceholder(secret) && !looksLikePlaceholder(body) && !/(.)\1{7}/.test(body.slice(0, 60)) && !endsInCountingRun(secret);
    },
    examples: {
      positive: [`${t.envName}=${t.example}`, `headers = { "Authorization": "Bearer ${t.example}" }`],
      negative: [`${t.envName}=${prefix}${"x".repeat(40)}`, `${t.envName}=${prefix}...`, ...(t.nearMisses ?? [])],
    },
  };
});
