import getpass

password = getpass.getpass("Password: ")
api_key = input("API key: ").strip()
