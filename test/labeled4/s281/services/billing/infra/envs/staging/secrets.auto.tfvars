square_access_token = "EAAA«u60»"
gemini_api_key = "AIza«u35»"
