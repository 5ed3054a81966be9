export interface Credentials {
  apiKey: string;
  clientSecret?: string;
  password: string;
}
