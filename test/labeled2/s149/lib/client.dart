import 'package:http/http.dart' as http;

const String baseUrl = 'https://api.acme.io';
const String discordBotToken = '«discord»';

Future<http.Response> ping() => http.get(Uri.parse(baseUrl));
