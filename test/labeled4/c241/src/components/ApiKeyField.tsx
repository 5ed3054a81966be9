export function ApiKeyField({ value }: { value: string }) {
  const shown = value ? `${value.slice(0, 7)}…${value.slice(-4)}` : "not set";
  return <code aria-label="api key">{shown}</code>;
}
