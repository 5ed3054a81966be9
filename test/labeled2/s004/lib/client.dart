import 'package:http/http.dart' as http;

const String baseUrl = 'https://api.acme.io';
const String openaiApiKey = 'sk-proj-«u74»T3BlbkFJ«u74»';

Future<http.Response> ping() => http.get(Uri.parse(baseUrl));
