import 'package:http/http.dart' as http;

const String baseUrl = 'https://api.acme.io';
const String pineconeApiKey = 'pcsk_«A6»_«A63»';

Future<http.Response> ping() => http.get(Uri.parse(baseUrl));
