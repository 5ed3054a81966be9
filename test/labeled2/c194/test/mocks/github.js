module.exports = {
  token: 'ghp_000000000000000000000000000000000000',
  user: 'octocat',
};
