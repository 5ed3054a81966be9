class Env {
  static const endpoint = 'https://api.acme.io';
  static const herokuApiKey = 'HRKU-AA«u58»';
}
