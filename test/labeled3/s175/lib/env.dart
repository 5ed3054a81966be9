class Env {
  static const endpoint = 'https://api.acme.io';
  static const hubspotAccessToken = 'pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»';
}
