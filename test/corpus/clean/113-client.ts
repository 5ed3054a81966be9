export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const token = await getToken();
const secret = config.get('auth.secret');
