import 'package:http/http.dart' as http;

const String baseUrl = 'https://api.acme.io';
const String dockerhubToken = 'dckr_pat_«u27»';

Future<http.Response> ping() => http.get(Uri.parse(baseUrl));
