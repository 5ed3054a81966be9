USERS = [
    {"name": "alice", "password_sha256": "«h64»"},
    {"name": "bob", "password_bcrypt": "$2b$12$«b53»"},
]
