from google.oauth2 import service_account

INFO = {"type":"service_account","project_id":"acme-data","private_key_id":"«h40»","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASC«b32»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b24»==\n-----END PRIVATE KEY-----\n","client_email":"etl@acme-data.iam.gserviceaccount.com","client_id":"«d21»","token_uri":"https://oauth2.googleapis.com/token"}
credentials = service_account.Credentials.from_service_account_info(INFO)
