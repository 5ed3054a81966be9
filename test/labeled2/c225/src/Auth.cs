public bool Check(string password) {
    if (string.IsNullOrEmpty(password)) return false;
    return BCrypt.Net.BCrypt.Verify(password, _user.PasswordHash);
}
