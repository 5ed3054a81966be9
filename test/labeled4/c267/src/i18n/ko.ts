export default {
  password: "비밀번호",
  apiKey: "API 키",
  secret: "비밀 키",
  tokenExpired: "토큰이 만료되었습니다",
};
