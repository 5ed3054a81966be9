import 'package:http/http.dart' as http;

const String baseUrl = 'https://api.acme.io';
const String githubToken = 'ghp_«A36»';

Future<http.Response> ping() => http.get(Uri.parse(baseUrl));
