export interface Credentials {
  apiKey: string;
  password?: string;
  token: string | undefined;
}
export type SecretName = `secret/${string}`;
