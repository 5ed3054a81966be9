USERS = [
    {"name": "alice", "password_sha256": "80792be3d834d540b05719693a2afccf45a5cd5e4d2d7012e6f3d479703a2e0b"},
    {"name": "bob", "password_bcrypt": "$2b$12$ZRVEz0dLlSxXojWCz6hBXfgB7FZjFjssx1MuOK6MTvya5zmLmpr4R"},
]
