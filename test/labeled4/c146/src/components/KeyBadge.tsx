export function KeyBadge({ prefix }: { prefix: "sk_live" | "sk_test" | "rk_live" }) {
  return <span className={`badge badge-${prefix}`}>{prefix}</span>;
}
